-- Renew many locks at once for the watchdog: one round trip per batch instead of one per lock.
-- KEYS[1..n]: lock keys; on Redis Cluster all of them in one hash slot
-- ARGV[1]: the lease in milliseconds, counted from now (server time)
-- ARGV[i + 1]: the owner token of KEYS[i]
-- Returns a list with, for each KEYS[i], 1 when renewed and 0 when the lock is no longer held
-- with that token (it expired or was deleted; a lock of someone else is left untouched).
local result = {}
for i, key in ipairs(KEYS) do
  if redis.call('GET', key) == ARGV[i + 1] then
    redis.call('PEXPIRE', key, ARGV[1])
    result[i] = 1
  else
    result[i] = 0
  end
end
return result
