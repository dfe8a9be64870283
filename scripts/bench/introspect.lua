-- wrk script for scripts/bench-introspect (DESIGN §9).
--
--   wrk -t1 -c16 -d20s --latency -s scripts/bench/introspect.lua URL/oauth/introspect
--
-- POST token=… to the introspection endpoint with HTTP Basic client authentication. The base64 of
-- "client_id:secret" comes from BENCH_BASIC and the token from BENCH_TOKEN (neither is on wrk's command
-- line). Every answer must be 2xx (else counted in non2xx) and say "active":true (else counted in inactive).
--
-- The done() callback prints one machine-readable line that the bench script parses:
--   BENCH requests=… duration_s=… rps=… p50_ms=… p90_ms=… p99_ms=… max_ms=… non2xx=… inactive=… socket_errors=…

local threads = {}

function setup(thread)
   table.insert(threads, thread)
end

-- Per-thread counters (globals, so that thread:get() can read them in done()).
non2xx = 0
inactive = 0

local function urlencode(value)
   return (value:gsub("[^A-Za-z0-9_.~-]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

function init(args)
   local basic = os.getenv("BENCH_BASIC")
   local token = os.getenv("BENCH_TOKEN")
   if not basic or basic == "" then
      error("BENCH_BASIC (base64 of client_id:secret) is not set")
   end
   if not token or token == "" then
      error("BENCH_TOKEN (the token to introspect) is not set")
   end
   wrk.method = "POST"
   wrk.body = "token=" .. urlencode(token)
   wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
   wrk.headers["Authorization"] = "Basic " .. basic
   wrk.headers["Accept"] = "application/json"
end

function response(status, headers, body)
   if status < 200 or status > 299 then
      non2xx = non2xx + 1
      return
   end
   if not body or not body:find('"active"%s*:%s*true') then
      inactive = inactive + 1
   end
end

function done(summary, latency, requests)
   local total_non2xx, total_inactive = 0, 0
   for _, thread in ipairs(threads) do
      total_non2xx = total_non2xx + thread:get("non2xx")
      total_inactive = total_inactive + thread:get("inactive")
   end
   local e = summary.errors
   local seconds = summary.duration / 1e6
   io.write(string.format(
      "BENCH requests=%d duration_s=%.3f rps=%.1f p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f max_ms=%.2f "
         .. "non2xx=%d inactive=%d socket_errors=%d connect=%d read=%d write=%d timeout=%d\n",
      summary.requests, seconds, summary.requests / seconds,
      latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
      latency.max / 1000, total_non2xx, total_inactive,
      e.connect + e.read + e.write + e.timeout, e.connect, e.read, e.write, e.timeout))
end
