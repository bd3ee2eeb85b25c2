-- GETs the paths listed in a file in turn (e.g. every page of a thread), spread over the threads.
-- args: <file with one path a line>
local paths = {}
local next_path = 0

function init(args)
   for line in io.lines(args[1]) do
      if #line > 0 then
         table.insert(paths, line)
      end
   end
   next_path = tid * 7919
end

function request()
   next_path = next_path + 1
   return wrk.format("GET", paths[next_path % #paths + 1])
end
