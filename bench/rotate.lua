-- wrk script: each request takes the next path from a file (one per line), so that a cache of one
-- answer cannot stand in for the work; a file of one line repeats one URL. Usage:
--   wrk ... -s bench/rotate.lua http://127.0.0.1:PORT -- /path/to/urls.txt
-- done() prints one machine-readable line (wrk's own --latency table has no p95).
local counter = 1

function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
end

function init(args)
  paths = {}
  for line in io.lines(args[1]) do
    if #line > 0 then
      paths[#paths + 1] = line
    end
  end
  -- Threads start at different places in the list, so that they do not ask for the same page.
  i = ((id or 1) - 1) * math.floor(#paths / 2)
end

function request()
  i = i % #paths + 1
  return wrk.format("GET", paths[i])
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "BENCH requests=%d duration_us=%d p50_us=%d p95_us=%d p99_us=%d max_us=%d " ..
    "non2xx=%d connect=%d read=%d write=%d timeout=%d\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(95),
    latency:percentile(99), latency.max, e.status, e.connect, e.read, e.write, e.timeout))
end
