-- Release a lock held by the caller once a minimum hold time has passed, or keep it until then.
-- KEYS[1]: the lock key
-- ARGV[1]: the owner token the caller acquired the lock with
-- ARGV[2]: the pub/sub channel of this lock name, on which waiters are woken
-- ARGV[3]: slack in milliseconds: the lease last set minus the minimum hold time. The minimum hold
--          ends when the remaining lease (server time) falls to the slack.
-- Returns 1 when released now, 2 when kept until the minimum hold ends (the lease shortened to end
-- then), 0 when the lock is not held with this token (left untouched).
if redis.call('GET', KEYS[1]) ~= ARGV[1] then
  return 0
end
local keep = redis.call('PTTL', KEYS[1]) - tonumber(ARGV[3])
if keep > 0 then
  redis.call('PEXPIRE', KEYS[1], keep)
  return 2
end
redis.call('DEL', KEYS[1])
redis.call('PUBLISH', ARGV[2], '')
return 1
