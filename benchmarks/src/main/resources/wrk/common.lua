-- Shared by every wrk script of the benchmark harness (it joins this file with one of the others).
-- A wall clock in microseconds (LuaJIT's ffi: wrk's Lua has only whole seconds), the threads for done(),
-- and one machine-readable result line that the harness parses.
local ffi = require("ffi")
ffi.cdef[[
typedef struct { long tv_sec; long tv_nsec; } bench_timespec;
int clock_gettime(int clock_id, bench_timespec *tp);
]]
local bench_clock = ffi.new("bench_timespec")

-- CLOCK_REALTIME, the clock of Java's Instant.now(): the harness compares the two.
function bench_now_us()
   ffi.C.clock_gettime(0, bench_clock)
   return tonumber(bench_clock.tv_sec) * 1000000 + math.floor(tonumber(bench_clock.tv_nsec) / 1000)
end

local bench_threads = {}

function setup(thread)
   table.insert(bench_threads, thread)
   thread:set("tid", #bench_threads)
end

-- Answers by status, counted by the scripts that define response(); the others count only non-2xx/3xx.
statuses = {}

function done(summary, latency, requests)
   local merged = {}
   for _, thread in ipairs(bench_threads) do
      local counted = thread:get("statuses")
      if counted then
         for status, n in pairs(counted) do
            merged[status] = (merged[status] or 0) + n
         end
      end
   end
   local parts = {}
   for status, n in pairs(merged) do
      table.insert(parts, string.format('"%d":%d', status, n))
   end
   local e = summary.errors
   io.write(string.format('BENCH-RESULT {"durationUs":%d,"requests":%d,"connectErrors":%d,"readErrors":%d,'
         .. '"writeErrors":%d,"statusErrors":%d,"timeouts":%d,"p50Us":%d,"p90Us":%d,"p99Us":%d,"maxUs":%d,'
         .. '"meanUs":%d,"statuses":{%s}}\n',
         summary.duration, summary.requests, e.connect, e.read, e.write, e.status, e.timeout,
         latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max,
         math.floor(latency.mean), table.concat(parts, ",")))
end
