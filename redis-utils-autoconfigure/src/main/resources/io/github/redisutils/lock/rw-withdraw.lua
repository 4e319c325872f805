-- Withdraw the intent of a writer that stopped waiting, and wake the readers it kept out.
-- KEYS[1]: the waiting writers of a read-write lock (see rw-write.lua)
-- ARGV[1]: the writer's waiter id
-- ARGV[2]: the pub/sub channel of the read-write lock
-- Returns 1 when an intent was withdrawn, 0 when there was none (granted, or ended already).
if redis.call('ZREM', KEYS[1], ARGV[1]) == 1 then
  redis.call('PUBLISH', ARGV[2], '')
  return 1
end
return 0
