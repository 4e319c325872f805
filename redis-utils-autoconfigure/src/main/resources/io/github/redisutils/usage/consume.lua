-- Adds usage to a subject's counters of every period, if every limit allows it, by server time.
-- KEYS[1..n]: the subject's counter hashes, one per period (field: metric, value: units)
-- KEYS[n+1..n+m]: the metric's top sets, one per period (m is 0 or n: 0 when they are updated
-- by a separate call, on Cluster, where they live in another slot)
-- ARGV[1]: metric, ARGV[2]: units to add (a non-negative integer), ARGV[3]: subject,
-- ARGV[4]: n, ARGV[5]: m, ARGV[6]: most subjects a top set keeps
-- then per period i, from ARGV[7 + (i - 1) * 4]: start and end of the period the caller
-- computed (Unix ms), the counter's expiry (Unix ms), the limit in units (-1: none)
-- Returns {-1, now} when the server's time is outside a period the caller computed (its clock
-- is off: it computes again from now), {0, now, used...} when a limit refuses the usage
-- (nothing is added), {1, now, used...} with the counters after the addition otherwise.
-- @include core/stored-number.lua
-- @include usage/top.lua
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local n = tonumber(ARGV[4])
local m = tonumber(ARGV[5])
local units = tonumber(ARGV[2])
local used = {}
local allowed = 1
for i = 1, n do
  local base = 7 + (i - 1) * 4
  if now < tonumber(ARGV[base]) or now >= tonumber(ARGV[base + 1]) then
    return { -1, now }
  end
  used[i] = stored_number(redis.call('HGET', KEYS[i], ARGV[1]), ARGV[1] .. ' (in ' .. KEYS[i] .. ')') or 0
  local limit = tonumber(ARGV[base + 3])
  if limit >= 0 and used[i] + units > limit then
    allowed = 0
  end
end
local reply = { allowed, now }
if allowed == 1 then
  local expire_ats = {}
  for i = 1, n do
    local base = 7 + (i - 1) * 4
    used[i] = redis.call('HINCRBY', KEYS[i], ARGV[1], ARGV[2])
    redis.call('PEXPIREAT', KEYS[i], ARGV[base + 2])
    expire_ats[i] = ARGV[base + 2]
  end
  add_to_top(KEYS, n + 1, m, units, ARGV[3], tonumber(ARGV[6]), expire_ats)
end
for i = 1, n do
  reply[2 + i] = used[i]
end
return reply
