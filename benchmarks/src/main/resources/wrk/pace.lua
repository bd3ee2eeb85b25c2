-- Paces the requests of this thread to a target rate, as wrk2 would (wrk2 is not in Debian): every request
-- takes the next slot of the thread's schedule and waits for it. A connection that is free sends at its slot;
-- when all are busy the schedule falls behind and the requests go as fast as answers come (closed loop),
-- catching up at most one second of missed slots.
-- args: the script's own, then <requests per second of this thread> as the last one
local interval_us
local next_slot

local bench_init = init
function init(args)
   bench_init(args)
   interval_us = 1000000 / tonumber(args[#args])
end

function delay()
   local now = bench_now_us()
   if next_slot == nil or next_slot < now - 1000000 then
      next_slot = now
   end
   next_slot = next_slot + interval_us
   local wait_ms = (next_slot - now) / 1000
   if wait_ms < 1 then
      return 0
   end
   return math.floor(wait_ms)
end
