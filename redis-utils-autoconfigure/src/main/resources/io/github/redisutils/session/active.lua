-- Maintains the set of all live sessions behind the active-sessions gauge, pruning it on
-- every write so it never grows past the live sessions.
-- KEYS[1]: the active-sessions sorted set, members are session ids scored by expiry (ms)
-- ARGV[1]: 'add' (ARGV[2..] are expiry/id pairs), 'remove' (ARGV[2..] are ids) or
--          'count' (no further arguments)
-- Returns the number of live sessions after the change.
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
if (ARGV[1] == 'add' or ARGV[1] == 'remove') and #ARGV > 1 then
  local rest = {}
  for i = 2, #ARGV do
    rest[#rest + 1] = ARGV[i]
  end
  redis.call((ARGV[1] == 'add') and 'ZADD' or 'ZREM', KEYS[1], unpack(rest))
end
local last = redis.call('ZRANGE', KEYS[1], -1, -1, 'WITHSCORES')
if last[2] then
  redis.call('PEXPIREAT', KEYS[1], last[2])
end
return redis.call('ZCARD', KEYS[1])
