-- Renew many acquisitions at once for the watchdog: one round trip per batch instead of one each.
-- KEYS[1..n]: where each acquisition is kept; on Redis Cluster all of them in one hash slot. A lock
--             (or the write side of a read-write lock) is a string key holding the owner token;
--             semaphore permits and read locks are members of a sorted set scored by the end of
--             their lease in ms of server time.
-- ARGV[1]: the lease in milliseconds, counted from now (server time)
-- ARGV[2i]: the kind of KEYS[i], told by the caller (no TYPE call, so an ACL user needs no more
--           than the commands below): 'z' for a sorted set of holders, 'k' for a lock key
-- ARGV[2i + 1]: the owner token of KEYS[i] (for a sorted set, the member)
-- Returns a list with, for each KEYS[i], 1 when renewed and 0 when no longer held with that token
-- (it expired or was deleted; someone else's acquisition is left untouched).
-- @include lock/zset-lease.lua
local result = {}
local now = nil
local lease = tonumber(ARGV[1])
for i, key in ipairs(KEYS) do
  result[i] = 0
  local token = ARGV[2 * i + 1]
  if ARGV[2 * i] == 'z' then
    now = now or now_millis()
    local score = redis.call('ZSCORE', key, token)
    if score and tonumber(score) > now then
      redis.call('ZADD', key, 'XX', string.format('%.0f', now + lease), token)
      expire_with_last(key)
      result[i] = 1
    end
  elseif redis.call('GET', key) == token then
    redis.call('PEXPIRE', key, ARGV[1])
    result[i] = 1
  end
end
return result
