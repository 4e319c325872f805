-- Maintains the presence sets: every live session (behind the active-sessions gauge) and
-- every user with a live session (the online users), both pruned by server time on every
-- call so they never grow past what is live, and both expiring with their last member.
-- KEYS[1]: the active-sessions sorted set, members are session ids scored by expiry (ms)
-- KEYS[2]: the online-users sorted set, members are user ids scored by the latest expiry
--          of their sessions (ms)
-- KEYS[3]: the versions of the online users' scores, a sorted set of user ids scored by
--          the server time (us) of the user-slot script that computed the score, kept for
--          a minute: calls about one user may arrive here out of order, and the score of
--          the later script wins (a late call about a user who went offline meanwhile
--          finds the newer version and changes nothing)
-- ARGV[1]: the operation:
--   'update' user, latest expiry (ms, 0 for none), version (us), the number n of sessions
--     to add, n expiry/id pairs, then the ids of sessions to remove
--   'count': nothing changes, returns {live sessions, online users}
--   'online' offset, count: a page of online users, latest expiry first
-- Returns the number of live sessions, or for 'online' {total, user, expiry, ...}.
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local nowMicros = tonumber(t[1]) * 1000000 + tonumber(t[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now)
redis.call('ZREMRANGEBYSCORE', KEYS[3], '-inf', nowMicros - 60000000)
local op = ARGV[1]
if op == 'online' then
  local page = redis.call('ZRANGE', KEYS[2], '+inf', '(' .. now, 'BYSCORE', 'REV', 'LIMIT', ARGV[2], ARGV[3],
    'WITHSCORES')
  local result = {redis.call('ZCARD', KEYS[2])}
  for i = 1, #page do
    result[#result + 1] = page[i]
  end
  return result
end
if op == 'count' then
  return {redis.call('ZCARD', KEYS[1]), redis.call('ZCARD', KEYS[2])}
end
if op == 'update' then
  local user = ARGV[2]
  local latest = tonumber(ARGV[3])
  local version = tonumber(ARGV[4])
  local added = tonumber(ARGV[5])
  for i = 6, 5 + 2 * added, 2 do
    redis.call('ZADD', KEYS[1], ARGV[i], ARGV[i + 1])
  end
  if #ARGV > 5 + 2 * added then
    redis.call('ZREM', KEYS[1], unpack(ARGV, 6 + 2 * added, #ARGV))
  end
  local known = tonumber(redis.call('ZSCORE', KEYS[3], user))
  if not known or known < version then
    redis.call('ZADD', KEYS[3], version, user)
    if latest > now then
      redis.call('ZADD', KEYS[2], latest, user)
    else
      redis.call('ZREM', KEYS[2], user)
    end
  end
end
for i = 1, 3 do
  local last = redis.call('ZRANGE', KEYS[i], -1, -1, 'WITHSCORES')
  if last[2] then
    local at = tonumber(last[2])
    if i == 3 then
      at = math.floor(at / 1000) + 60000
    end
    redis.call('PEXPIREAT', KEYS[i], at)
  end
end
return redis.call('ZCARD', KEYS[1])
