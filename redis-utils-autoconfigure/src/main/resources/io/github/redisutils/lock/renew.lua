-- Renew many acquisitions at once for the watchdog: one round trip per batch instead of one each.
-- KEYS[1..n]: where each acquisition is kept; on Redis Cluster all of them in one hash slot. A lock
--             (or the write side of a read-write lock) is a string key holding the owner token;
--             semaphore permits and read locks are members of a sorted set scored by the end of
--             their lease in ms of server time.
-- ARGV[1]: the lease in milliseconds, counted from now (server time)
-- ARGV[i + 1]: the owner token of KEYS[i] (for a sorted set, the member)
-- Returns a list with, for each KEYS[i], 1 when renewed and 0 when no longer held with that token
-- (it expired or was deleted; someone else's acquisition is left untouched).
-- @include lock/zset-lease.lua
local result = {}
local now = nil
for i, key in ipairs(KEYS) do
  result[i] = 0
  if redis.call('TYPE', key)['ok'] == 'zset' then
    now = now or now_millis()
    local score = redis.call('ZSCORE', key, ARGV[i + 1])
    if score and tonumber(score) > now then
      redis.call('ZADD', key, 'XX', string.format('%.0f', now + tonumber(ARGV[1])), ARGV[i + 1])
      expire_with_last(key)
      result[i] = 1
    end
  elseif redis.call('GET', key) == ARGV[i + 1] then
    redis.call('PEXPIRE', key, ARGV[1])
    result[i] = 1
  end
end
return result
