-- Sliding window, approximate: two fixed-window counters, the previous one weighted by the share
-- of it that the sliding window still covers. Constant memory: one small hash per key.
--
-- KEYS[1]: the counters, a hash {start, len, cur, prev}: start of the current fixed window and its
--          length in microseconds, requests counted in it and in the one before. TTL: two windows.
-- KEYS[2]: the block key of the same client key (same hash tag).
-- ARGV[1]: limit (requests per window)
-- ARGV[2]: window in microseconds
-- ARGV[3]: unused (keeps the arguments of every algorithm in the same places)
-- ARGV[4]: cost of this request
-- ARGV[5]: optional; current time in microseconds. Only tests pass it; without it the time comes
--          from TIME.
--
-- Returns {status, remaining, retryAfterMicros, resetAfterMicros}, status 1 allowed, 0 rejected,
-- 2 blocked.

-- @include ratelimit/block-check.lua
-- @include core/stored-number.lua

local limit = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
local cost = tonumber(ARGV[4])
-- @include ratelimit/now.lua

local start = now - (now % window)
local state = redis.call('HMGET', KEYS[1], 'start', 'len', 'cur', 'prev')
local storedStart = stored_number(state[1], 'start')
local cur = stored_number(state[3], 'cur') or 0
local prev = stored_number(state[4], 'prev') or 0
if stored_number(state[2], 'len') ~= window or storedStart == nil then
  -- New key, or a window length changed by a redeploy: counters of another length mean nothing.
  cur = 0
  prev = 0
elseif storedStart == start - window then
  prev = cur
  cur = 0
elseif storedStart ~= start then
  -- Two windows or more ago (or a server clock that went backwards): nothing left to count.
  cur = 0
  prev = 0
end

local elapsed = now - start
local weight = (window - elapsed) / window
local used = prev * weight + cur

local function resetAfter(current)
  -- Everything counted so far has left the sliding window one window after the current one began
  -- (or, with nothing counted now, once the previous window's share has slid out).
  if current > 0 then
    return start + 2 * window - now
  elseif prev > 0 then
    return window - elapsed
  end
  return 0
end

if used + cost > limit + 1e-9 then
  local retry
  if cur + cost > limit then
    -- Not even an empty previous window would make room: wait for the next fixed window, where
    -- this window's count becomes the weighted one.
    -- In the next window, weight w must satisfy cur * w + cost <= limit.
    local w = (limit - cost) / cur
    retry = window - elapsed + math.ceil(window * (1 - w))
  else
    -- Later in this window the previous share shrinks: prev * w' + cur + cost <= limit.
    local w = (limit - cost - cur) / prev
    retry = math.max(1, math.ceil(window * (1 - w)) - elapsed)
  end
  return {0, math.max(0, math.floor(limit - used + 1e-9)), retry, resetAfter(cur)}
end

cur = cur + cost
-- Formatted here: Lua's own number-to-string conversion keeps only 14 digits.
redis.call('HSET', KEYS[1], 'start', string.format('%.0f', start), 'len', string.format('%.0f', window), 'cur',
  string.format('%.0f', cur), 'prev', string.format('%.0f', prev))
redis.call('PEXPIRE', KEYS[1], math.ceil((start + 2 * window - now) / 1000))
return {1, math.max(0, math.floor(limit - used - cost + 1e-9)), 0, resetAfter(cur)}
