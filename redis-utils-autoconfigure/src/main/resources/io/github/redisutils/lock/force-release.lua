-- Release a lock whoever holds it (an operator's force release), and wake the waiters.
-- KEYS[1]: the lock key
-- ARGV[1]: the pub/sub channel of this lock name, on which waiters are woken
-- Returns 1 when a holder's lock was deleted, 0 when the lock was free.
if redis.call('DEL', KEYS[1]) == 1 then
  redis.call('PUBLISH', ARGV[1], '')
  return 1
end
return 0
