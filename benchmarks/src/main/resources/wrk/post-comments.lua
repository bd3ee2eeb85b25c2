-- POSTs comments, each with its own author and text (so the duplicate and flood rules stay quiet),
-- round-robin over the articles listed in a file. Every 202 writes "<comment id> <wall clock us>" to a
-- file of this thread, which the harness reads to wait for every decision and to time it.
-- args: <file with one article id a line> <ids file prefix> <tag, unique to this run>
local articles = {}
local ids
local tag
local seq = 0
local headers = { ["Content-Type"] = "application/json" }

function init(args)
   for line in io.lines(args[1]) do
      if #line > 0 then
         table.insert(articles, line)
      end
   end
   ids = io.open(args[2] .. "-" .. tid .. ".txt", "w")
   ids:setvbuf("full", 1048576) -- flushed when wrk exits
   tag = args[3] .. "t" .. tid
   seq = tid -- threads start at different articles
end

function request()
   seq = seq + 1
   local article = articles[seq % #articles + 1]
   local body = '{"author":"reader-' .. tag .. '-' .. seq .. '","text":"Comment ' .. tag .. '-' .. seq
         .. ' on this story: thank you for writing it."}'
   return wrk.format("POST", "/api/articles/" .. article .. "/comments", headers, body)
end

function response(status, headers, body)
   statuses[status] = (statuses[status] or 0) + 1
   if status == 202 then
      ids:write(string.match(body, '"id"%s*:%s*"([%x%-]+)"') or "?", " ", string.format("%d", bench_now_us()), "\n")
   end
end
