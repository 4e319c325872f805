-- Acquire a lock if nobody holds it and hand out the lock name's next fencing token.
-- KEYS[1]: the lock key; while the lock is held it holds the owner token and expires with the lease
-- KEYS[2]: the last fencing token of the same lock name (same hash tag); it never expires
-- ARGV[1]: the owner token of this acquisition (random, one per acquisition)
-- ARGV[2]: the lease in milliseconds
-- Returns {1, fencing token} when acquired, {0, remaining lease of the current holder in ms} when not.
-- The token is the larger of the last token plus one and the server time in microseconds, so it
-- keeps increasing when the last token is lost: a restart without persistence, a promoted replica
-- that missed the last increments (given server clocks within the documented skew).
-- @include core/stored-number.lua
-- Read before the lock is taken: a fence that is not a number is reported, never overwritten.
local last = stored_number(redis.call('GET', KEYS[2]), 'fence') or 0
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then
  local now = redis.call('TIME')
  local micros = tonumber(now[1]) * 1000000 + tonumber(now[2])
  local token = math.max(last + 1, micros)
  -- '%.0f': integers up to 2^53 print exactly, never in exponent notation.
  redis.call('SET', KEYS[2], string.format('%.0f', token))
  return {1, token}
end
return {0, redis.call('PTTL', KEYS[1])}
