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
--          which Redis stores in the key's object itself. TTL: until the TAT, after which
--          absence and presence mean the same thing. Written when a request is allowed, and on a
--          refusal only to cut a debt beyond the capacity's worth (see below).
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

-- Debt: TAT - now, the time until the bucket is full, as a whole number of units of 1/scale
-- microsecond in which an emission interval (period / refill microseconds) is 'interval' units.
-- Up to 1000 tokens per period the unit is 1/refill microsecond (at least a nanosecond), so an
-- interval is the whole number 'period' and sums of intervals are exact; the stored TAT, rounded
-- to the nearest nanosecond, then snaps back to the unit it came from. Above 1000 the unit is the
-- nanosecond: exact when an interval is a whole number of nanoseconds, else each allowed request
-- rounds the TAT to the nearest nanosecond. RateLimitPolicy keeps limit * period / refill at most
-- 104 days, so every value here (the debt is at most 'full' units) is an integer below 2^53,
-- which a double holds exactly, and each floor of a quotient below is exact; the TAT itself (about
-- 2^60 ns) is never one number, but its microseconds and its three digits of nanoseconds apart.
local scale = refill
local interval = period
if refill > 1000 then
  scale = 1000
  -- Exact when whole: period * 1000 is (period * 125) * 8, both below 2^53.
  interval = period * 1000 / refill
end
local full = capacity * interval

local units = 0
local cut = false
if state[1] then
  local micros, nanos = string.match(state[1], '^(%d+)(%d%d%d)$')
  if micros == nil then
    error('MALFORMED tat')
  end
  local ahead = tonumber(micros) - now
  if ahead < 0 then
    -- A TAT in the past (its nanoseconds add less than a microsecond) is a full bucket.
    units = 0
  elseif ahead > full / scale + 1 then
    -- More debt than the capacity's worth (a capacity lowered by a redeploy, or a server clock
    -- gone back, as after a failover to a replica whose clock is behind), by more than a
    -- microsecond: its exact value does not matter, the debt is cut below.
    units = full + scale + 2
  else
    -- The nanoseconds to the nearest unit, in integers: floor((2 n scale + 1000) / 2000).
    units = ahead * scale + math.floor((2 * tonumber(nanos) * scale + 1000) / 2000)
  end
end
if units > full then
  -- Stored (below) only when beyond the rounding of a TAT written at the capacity, so that a
  -- refusal at the capacity still writes nothing.
  cut = units > full + 1
  units = full
end

-- Stores the TAT now + u units, to the nearest nanosecond, expiring after ttl microseconds. The
-- microseconds and the nanoseconds are computed apart and in integers, each part normalised to
-- its range, and formatted here, as Lua's own number-to-string conversion keeps only 14 digits.
local function store(u, ttl)
  local whole = math.floor(u + 0.5)
  local micros = math.floor(whole / scale)
  local rest = whole - micros * scale
  if rest < 0 then
    micros = micros - 1
    rest = rest + scale
  elseif rest >= scale then
    micros = micros + 1
    rest = rest - scale
  end
  local nanos = math.floor((2000 * rest + scale) / (2 * scale))
  if nanos >= 1000 then
    micros = micros + 1
    nanos = nanos - 1000
  end
  redis.call('SET', KEYS[1], string.format('%.0f%03d', now + micros, nanos), 'PX', math.max(1, math.ceil(ttl / 1000)))
end

local tokens = capacity - units / interval
if tokens + epsilon < cost then
  local retry = math.ceil((cost - tokens) * period / refill)
  local reset = math.ceil((capacity - tokens) * period / refill)
  if cut then
    -- Rejected: nothing is written, unless the debt was cut, so that the next token comes back
    -- one interval from now as this answer says.
    store(units, reset)
  end
  return {0, math.floor(tokens + epsilon), retry, reset}
end

tokens = tokens - cost
units = units + cost * interval
local reset = math.ceil((capacity - tokens) * period / refill)
store(units, reset)
return {1, math.floor(tokens + epsilon), 0, reset}
