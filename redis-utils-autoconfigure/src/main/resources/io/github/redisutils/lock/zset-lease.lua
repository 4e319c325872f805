-- Shared piece (composed in by RedisScripts) for holders kept in a sorted set, member -> end of
-- the lease in milliseconds of server time: semaphore permits and read locks. An entry whose score
-- is not above the server time now has expired and counts as not held.
-- now_micros() returns the server time (TIME) in microseconds, now_millis() in milliseconds.
-- expire_with_last(key) makes the set expire with its longest lease, so it never outlives its use.
-- held_permits(member) returns the permit count of a semaphore member '<permits>:<owner token>';
-- a member of another shape raises 'MALFORMED holder', reported as MalformedRedisDataException.
local function now_micros()
  local now = redis.call('TIME')
  return tonumber(now[1]) * 1000000 + tonumber(now[2])
end

local function now_millis()
  return math.floor(now_micros() / 1000)
end

local function expire_with_last(key)
  local last = redis.call('ZRANGE', key, -1, -1, 'WITHSCORES')
  if last[2] then
    redis.call('PEXPIREAT', key, last[2])
  end
end

local function held_permits(member)
  local permits = tonumber(string.match(member, '^(%d+):') or '')
  if permits == nil then
    error('MALFORMED holder')
  end
  return permits
end
