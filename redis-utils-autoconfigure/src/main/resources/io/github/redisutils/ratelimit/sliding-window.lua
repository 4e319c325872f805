-- Sliding window, exact: a sorted set logs every allowed request of the last window.
--
-- KEYS[1]: the log, a sorted set of request ids scored by their time in microseconds; its TTL
--          is one window after the newest entry.
-- KEYS[2]: the block key of the same client key (same hash tag).
-- ARGV[1]: limit (requests per window)
-- ARGV[2]: window in microseconds
-- ARGV[3]: unused (keeps the arguments of every algorithm in the same places)
-- ARGV[4]: cost of this request (log entries)
-- ARGV[5]: optional; current time in microseconds. Only tests pass it; without it the time comes
--          from TIME.
--
-- Returns {status, remaining, retryAfterMicros, resetAfterMicros}, status 1 allowed, 0 rejected,
-- 2 blocked.

-- @include ratelimit/block-check.lua

local limit = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
local cost = tonumber(ARGV[4])
-- @include ratelimit/now.lua

-- An entry logged at t counts while now - t < window.
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', string.format('%.0f', now - window))
local count = redis.call('ZCARD', KEYS[1])

local function resetAfter()
  local newest = redis.call('ZRANGE', KEYS[1], -1, -1, 'WITHSCORES')
  if newest[2] == nil then
    return 0
  end
  return math.max(0, tonumber(newest[2]) + window - now)
end

if count + cost > limit then
  local retry
  if cost > limit then
    retry = window
  else
    -- The request fits once the oldest (count + cost - limit) entries have left the window.
    local entry = redis.call('ZRANGE', KEYS[1], count + cost - limit - 1, count + cost - limit - 1, 'WITHSCORES')
    retry = math.max(1, tonumber(entry[2]) + window - now)
  end
  return {0, math.max(0, limit - count), retry, resetAfter()}
end

-- Members must be unique: within one microsecond nothing leaves the log, so the count only grows
-- and (time, count) never repeats.
-- Formatted here: Lua's own number-to-string conversion keeps only 14 digits.
local score = string.format('%.0f', now)
for i = 1, cost do
  redis.call('ZADD', KEYS[1], score, score .. '-' .. string.format('%d', count + i))
end
redis.call('PEXPIRE', KEYS[1], math.ceil(window / 1000))
return {1, limit - count - cost, 0, resetAfter()}
