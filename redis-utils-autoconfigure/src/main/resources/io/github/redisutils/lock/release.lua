-- Release a lock if, and only if, the caller still owns it, and wake the waiters.
-- KEYS[1]: the lock key
-- ARGV[1]: the owner token the caller acquired the lock with
-- ARGV[2]: the pub/sub channel of this lock name, on which waiters are woken
-- Returns 1 when released, 0 when the lock is not held with this token (it expired, and may
-- now belong to someone else, whose lock is left untouched).
if redis.call('GET', KEYS[1]) == ARGV[1] then
  redis.call('DEL', KEYS[1])
  redis.call('PUBLISH', ARGV[2], '')
  return 1
end
return 0
