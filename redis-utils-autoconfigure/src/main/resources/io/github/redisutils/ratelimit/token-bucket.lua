-- Token bucket: one decision, atomically, timed by the Redis server.
--
-- KEYS[1]: the bucket, a hash {tokens, ts}; absent means full. Its TTL is the time to refill
--          completely, after which absence and presence mean the same thing.
-- KEYS[2]: the block key of the same client key (same hash tag); while it exists, everything is
--          rejected.
-- ARGV[1]: capacity (tokens)
-- ARGV[2]: refill period in microseconds
-- ARGV[3]: tokens added per refill period
-- ARGV[4]: cost of this request (tokens)
-- ARGV[5]: optional; current time in microseconds. Only tests pass it (to replay a schedule);
--          without it the time comes from TIME.
--
-- Returns {status, remaining, retryAfterMicros, resetAfterMicros}, status 1 allowed, 0 rejected,
-- 2 blocked.

-- @include ratelimit/block-check.lua
-- @include core/stored-number.lua

local capacity = tonumber(ARGV[1])
local period = tonumber(ARGV[2])
local refill = tonumber(ARGV[3])
local cost = tonumber(ARGV[4])
-- @include ratelimit/now.lua

-- Floating-point refill must not reject a request that arrives exactly on time.
local epsilon = 1e-9

local state = redis.call('HMGET', KEYS[1], 'tokens', 'ts')
local tokens = stored_number(state[1], 'tokens')
local ts = stored_number(state[2], 'ts')
if tokens == nil or ts == nil then
  tokens = capacity
  ts = now
end
-- Time never flows backwards for the bucket (a failover to a replica with a slower clock).
if now > ts then
  tokens = tokens + (now - ts) * refill / period
  ts = now
end
-- A capacity lowered by a redeploy takes effect at once.
if tokens > capacity then
  tokens = capacity
end

if tokens + epsilon < cost then
  -- Rejected: nothing changes, the stored state still describes the bucket exactly.
  local retry = math.ceil((cost - tokens) * period / refill)
  local reset = math.ceil((capacity - tokens) * period / refill)
  return {0, math.floor(tokens + epsilon), retry, reset}
end

tokens = tokens - cost
local missing = capacity - tokens
local reset = math.ceil(missing * period / refill)
if missing > epsilon then
  -- Formatted here: Lua's own number-to-string conversion keeps only 14 digits.
  redis.call('HSET', KEYS[1], 'tokens', string.format('%.17g', tokens), 'ts', string.format('%.0f', ts))
  redis.call('PEXPIRE', KEYS[1], math.max(1, math.ceil(reset / 1000)))
else
  redis.call('DEL', KEYS[1])
end
return {1, math.floor(tokens + epsilon), 0, reset}
