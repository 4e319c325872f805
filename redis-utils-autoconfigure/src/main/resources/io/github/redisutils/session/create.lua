-- Creates a session, enforcing the per-user limit atomically on the user's slot.
-- KEYS[1]: the user's index, a sorted set of session members scored by expiry (ms)
-- KEYS[2]: the new session's hash
-- ARGV[1]: the new session's member in the index (the random part of its id)
-- ARGV[2]: idle timeout in milliseconds
-- ARGV[3]: absolute lifetime in milliseconds
-- ARGV[4]: most sessions per user, 0 for no limit
-- ARGV[5]: 'evict' to evict the sessions that expire first, 'refuse' to refuse,
--          'anonymous' for a session of no user yet: alone in its slot, no limit, no index
-- ARGV[6]: key prefix of the user's session hashes (the prefix of KEYS[2]); evicted
--          sessions' hashes are <ARGV[6]><member>, in KEYS[1]'s hash slot by their tag
-- ARGV[7..]: field/value pairs of the new session (user id, metadata, attributes)
-- Returns {now, expires, absolute expiry, the user's latest expiry, its version, evicted
-- members...} or {-1} when refused.
-- @include session/user-presence.lua
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
local anonymous = ARGV[5] == 'anonymous'
local max = tonumber(ARGV[4])
local result = {}
if max > 0 and not anonymous then
  local count = redis.call('ZCARD', KEYS[1])
  if count >= max then
    if ARGV[5] == 'refuse' then
      return {-1}
    end
    local evicted = redis.call('ZRANGE', KEYS[1], 0, count - max)
    for _, member in ipairs(evicted) do
      redis.call('DEL', ARGV[6] .. member)
      redis.call('ZREM', KEYS[1], member)
    end
    result = evicted
  end
end
local absolute = now + tonumber(ARGV[3])
local expires = math.min(now + tonumber(ARGV[2]), absolute)
local fields = {'ct', now, 'la', now, 'exp', expires, 'abs', absolute, 'idle', ARGV[2]}
for i = 7, #ARGV do
  fields[#fields + 1] = ARGV[i]
end
redis.call('HSET', KEYS[2], unpack(fields))
redis.call('PEXPIREAT', KEYS[2], expires)
if anonymous then
  return {now, expires, absolute, 0, 0}
end
redis.call('ZADD', KEYS[1], expires, ARGV[1])
local last = redis.call('ZRANGE', KEYS[1], -1, -1, 'WITHSCORES')
redis.call('PEXPIREAT', KEYS[1], last[2])
local latest, version = user_presence(KEYS[1])
local answer = {now, expires, absolute, latest, version}
for _, member in ipairs(result) do
  answer[#answer + 1] = member
end
return answer
