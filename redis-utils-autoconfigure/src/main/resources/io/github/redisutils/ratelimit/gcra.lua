-- GCRA (generic cell rate algorithm): the token bucket's decisions from one stored time.
--
-- The state is the theoretical arrival time (TAT), in server time: the moment at which the
-- bucket would be full again. With the emission interval T = period / refill (the
-- time one token takes to come back), a bucket that has tokens = capacity - (TAT - now) / T, so
-- TAT <= now means full and a request of cost n fits when TAT - now + n * T <= capacity * T (the
-- burst tolerance is (capacity - n) * T before the request). Same arguments and replies as
-- token-bucket.lua, same rounding. A key holding another type is overwritten by the next allowed
-- request (MGET reads it as absent): it is this policy's key, under this algorithm's suffix.
--
-- KEYS[1]: the TAT in nanoseconds of server time (TIME's microseconds and three more digits, for
--          emission intervals that are not a whole number of microseconds): a 19-digit integer,
--          which Redis stores in the key's object itself. TTL:
--          until the TAT, after which absence and presence mean the same thing. Written only when
--          a request is allowed.
-- KEYS[2]: the block key of the same client key (same hash tag); while it exists, everything is
--          rejected. Read with the TAT in one MGET.
-- ARGV[1]: capacity (tokens)
-- ARGV[2]: refill period in microseconds
-- ARGV[3]: tokens added per refill period
-- ARGV[4]: cost of this request (tokens)
-- ARGV[5]: optional; current time in microseconds. Only tests pass it (to replay a schedule);
--          without it the time comes from TIME.
--
-- Returns {status, remaining, retryAfterMicros, resetAfterMicros}, status 1 allowed, 0 rejected,
-- 2 blocked.

-- @include ratelimit/block-folded.lua

local state = redis.call('MGET', KEYS[1], KEYS[2])
local blocked = blocked_reply(state[2])
if blocked then
  return blocked
end

local capacity = tonumber(ARGV[1])
local period = tonumber(ARGV[2])
local refill = tonumber(ARGV[3])
local cost = tonumber(ARGV[4])
-- @include ratelimit/now.lua

-- Floating-point arithmetic must not reject a request that arrives exactly on time.
local epsilon = 1e-9

-- Debt: TAT - now, the time until the bucket is full, counted in units of 1/refill microsecond, in
-- which an emission interval (period / refill microseconds) is the whole number 'period', so sums
-- of intervals stay exact. The stored nanoseconds are read with the microseconds apart (a double
-- holds a timestamp in nanoseconds only to 256 ns) and snapped to the nearest unit. That undoes
-- the rounding to a nanosecond exactly when a unit is at least a nanosecond (refill <= 1000) or
-- when every interval is a whole number of nanoseconds; otherwise the TAT is kept within 1 ns.
local units = 0
if state[1] then
  local micros, nanos = string.match(state[1], '^(%d+)(%d%d%d)$')
  if micros == nil then
    error('MALFORMED tat')
  end
  units = math.floor(((tonumber(micros) - now) * 1000 + tonumber(nanos)) * refill / 1000 + 0.5)
end
-- A TAT in the past is a full bucket.
if units < 0 then
  units = 0
end
-- A capacity lowered by a redeploy: never more debt than the new capacity's worth.
if units > capacity * period then
  units = capacity * period
end

local tokens = capacity - units / period
if tokens + epsilon < cost then
  -- Rejected: nothing is written.
  local retry = math.ceil((cost - tokens) * period / refill)
  local reset = math.ceil((capacity - tokens) * period / refill)
  return {0, math.floor(tokens + epsilon), retry, reset}
end

tokens = tokens - cost
units = units + cost * period
local reset = math.ceil((capacity - tokens) * period / refill)
-- The new TAT, to the nearest nanosecond; formatted here, as Lua's own number-to-string
-- conversion keeps only 14 digits.
local debtNanos = math.floor(units * 1000 / refill + 0.5)
local debtMicros = math.floor(debtNanos / 1000)
local tat = string.format('%.0f%03d', now + debtMicros, debtNanos - debtMicros * 1000)
redis.call('SET', KEYS[1], tat, 'PX', math.max(1, math.ceil(reset / 1000)))
return {1, math.floor(tokens + epsilon), 0, reset}
