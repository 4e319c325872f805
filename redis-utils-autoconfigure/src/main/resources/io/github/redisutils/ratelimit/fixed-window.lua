-- Fixed window: a counter that expires one window after the first request counted in it. The
-- window is Redis's own key expiry, so the server's clock times it.
--
-- KEYS[1]: the counter; its TTL is the rest of the current window.
-- KEYS[2]: the block key of the same client key (same hash tag); read with the counter in one
--          MGET.
-- ARGV[1]: limit (requests per window)
-- ARGV[2]: window in microseconds
-- ARGV[3]: unused (keeps the arguments of every algorithm in the same places)
-- ARGV[4]: cost of this request
--
-- Returns {status, remaining, retryAfterMicros, resetAfterMicros}, status 1 allowed, 0 rejected,
-- 2 blocked.

-- @include ratelimit/block-folded.lua
-- @include core/stored-number.lua

local state = redis.call('MGET', KEYS[1], KEYS[2])
local blocked = blocked_reply(state[2])
if blocked then
  return blocked
end

local limit = tonumber(ARGV[1])
local windowMillis = math.ceil(tonumber(ARGV[2]) / 1000)
local cost = tonumber(ARGV[4])

local count = stored_number(state[1], 'count') or 0
-- An absent counter has no time to live (PTTL would answer -2): no need to ask.
local ttl = -2
if state[1] then
  ttl = redis.call('PTTL', KEYS[1])
end
if count > 0 and ttl < 0 then
  -- A counter without expiry would never reset: give it a full window.
  redis.call('PEXPIRE', KEYS[1], windowMillis)
  ttl = windowMillis
end

if count + cost > limit then
  -- Rejected requests are not counted, so a client that keeps retrying does not extend anything.
  local retry = (cost > limit) and windowMillis or ttl
  return {0, math.max(0, limit - count), retry * 1000, ttl * 1000}
end

count = redis.call('INCRBY', KEYS[1], cost)
if count == cost then
  redis.call('PEXPIRE', KEYS[1], windowMillis)
  ttl = windowMillis
end
return {1, limit - count, 0, ttl * 1000}
