-- wrk script for scripts/bench-* (DESIGN §9).
--
--   wrk -t1 -c16 -d20s --latency -s scripts/bench/latchkey.lua URL -- token
--   wrk -t1 -c16 -d10s --latency -s scripts/bench/latchkey.lua URL -- get '"keys"'
--   wrk -t1 -c16 -d20s --latency -s scripts/bench/latchkey.lua URL/oauth/introspect -- introspect
--   wrk -t8 -c8 -d20s --latency -s scripts/bench/latchkey.lua URL/oauth/token -- refresh
--
-- Mode "token": POST grant_type=client_credentials with HTTP Basic client authentication; the
-- base64 of "client_id:secret" comes from the environment variable BENCH_BASIC (so that the secret
-- is not on wrk's command line); BENCH_TOKEN_BODY, when set, is the body instead (e.g. with a scope).
-- Every answer must be 2xx with an access_token and token_type Bearer.
-- Mode "get": plain GET; every answer must be 2xx and contain the marker given as the second argument.
-- Mode "introspect": POST token=BENCH_TOKEN with Basic BENCH_BASIC (neither on wrk's command line); every
-- answer must be 2xx and say "active":true (an inactive answer counts as badbody).
-- Mode "refresh": refresh token rotation chains, one per thread, so -t and -c must be equal (one connection
-- per thread: the next request is written only after the answer to the last one, whose new refresh token it
-- carries). BENCH_REFRESH_TOKENS holds one refresh token per thread, comma-separated; Basic BENCH_BASIC.
-- Every answer must be 2xx with an access_token, an id_token and a new refresh_token (else badbody; the chain
-- then breaks and the following answers are errors too).
--
-- The done() callback prints one machine-readable line that the bench script parses:
--   BENCH requests=… duration_s=… rps=… p50_ms=… p90_ms=… p99_ms=… max_ms=… non2xx=… badbody=… socket_errors=…

local threads = {}

-- Runs once per wrk thread in the main Lua state; keeps the thread so done() can read its counters, and in
-- mode "refresh" hands it its own chain.
function setup(thread)
   table.insert(threads, thread)
   local chains = os.getenv("BENCH_REFRESH_TOKENS")
   if chains and chains ~= "" then
      local i = 0
      for token in chains:gmatch("[^,]+") do
         i = i + 1
         if i == #threads then
            thread:set("refresh_token", token)
            return
         end
      end
      error("BENCH_REFRESH_TOKENS has fewer refresh tokens than wrk has threads")
   end
end

-- Per-thread counters (globals, so that thread:get() can read them in done()).
non2xx = 0
badbody = 0

local markers = {}
local refreshing = false
local basic = nil

local function required(name, what)
   local value = os.getenv(name)
   if not value or value == "" then
      error(name .. " (" .. what .. ") is not set")
   end
   return value
end

local function urlencode(value)
   return (value:gsub("[^A-Za-z0-9_.~-]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

function init(args)
   local mode = args[1] or "get"
   if mode == "token" or mode == "introspect" then
      wrk.method = "POST"
      wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
      wrk.headers["Authorization"] = "Basic " .. required("BENCH_BASIC", "base64 of client_id:secret")
      wrk.headers["Accept"] = "application/json"
      if mode == "token" then
         local body = os.getenv("BENCH_TOKEN_BODY")
         wrk.body = (body and body ~= "") and body or "grant_type=client_credentials"
         markers = { '"access_token"', '"Bearer"' }
      else
         wrk.body = "token=" .. urlencode(required("BENCH_TOKEN", "the token to introspect"))
         markers = { '"active":true' }
      end
   elseif mode == "refresh" then
      refreshing = true
      basic = "Basic " .. required("BENCH_BASIC", "base64 of client_id:secret")
      markers = { '"access_token"', '"id_token"' }
   elseif mode == "get" then
      wrk.method = "GET"
      if args[2] and args[2] ~= "" then
         markers = { args[2] }
      end
   else
      error("unknown mode " .. mode .. " (token, get, introspect or refresh)")
   end
end

-- Mode "refresh" only: wrk builds every request anew when the script defines request(), so it is defined
-- only when there are refresh chains (the other modes send wrk's one fixed request, at no Lua cost).
if os.getenv("BENCH_REFRESH_TOKENS") then
   function request()
      return wrk.format("POST", nil, {
         ["Content-Type"] = "application/x-www-form-urlencoded",
         ["Authorization"] = basic,
         ["Accept"] = "application/json",
      }, "grant_type=refresh_token&refresh_token=" .. urlencode(refresh_token))
   end
end

function response(status, headers, body)
   if status < 200 or status > 299 then
      non2xx = non2xx + 1
      return
   end
   for _, marker in ipairs(markers) do
      if not body or not body:find(marker, 1, true) then
         badbody = badbody + 1
         return
      end
   end
   if refreshing then
      local next_token = body:match('"refresh_token":"([^"]+)"')
      if not next_token or next_token == refresh_token then
         badbody = badbody + 1
         return
      end
      refresh_token = next_token
   end
end

function done(summary, latency, requests)
   local total_non2xx, total_bad = 0, 0
   for _, thread in ipairs(threads) do
      total_non2xx = total_non2xx + thread:get("non2xx")
      total_bad = total_bad + thread:get("badbody")
   end
   local e = summary.errors
   local seconds = summary.duration / 1e6
   io.write(string.format(
      "BENCH requests=%d duration_s=%.3f rps=%.1f p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f max_ms=%.2f "
         .. "non2xx=%d badbody=%d socket_errors=%d connect=%d read=%d write=%d timeout=%d\n",
      summary.requests, seconds, summary.requests / seconds,
      latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
      latency.max / 1000, total_non2xx, total_bad,
      e.connect + e.read + e.write + e.timeout, e.connect, e.read, e.write, e.timeout))
end
