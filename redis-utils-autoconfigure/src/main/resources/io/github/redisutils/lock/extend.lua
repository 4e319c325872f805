-- Set a new lease on a lock if, and only if, the caller still owns it.
-- KEYS[1]: the lock key
-- ARGV[1]: the owner token the caller acquired the lock with
-- ARGV[2]: the new lease in milliseconds, counted from now (server time)
-- Returns 1 when extended, 0 when the lock is not held with this token.
if redis.call('GET', KEYS[1]) == ARGV[1] then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  return 1
end
return 0
