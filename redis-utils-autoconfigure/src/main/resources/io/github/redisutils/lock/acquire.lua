-- Acquire a lock if nobody holds it and hand out the lock name's next fencing token.
-- KEYS[1]: the lock key; while the lock is held it holds the owner token and expires with the lease
-- KEYS[2]: the fencing counter of the same lock name (same hash tag); it never expires, so tokens keep
--          increasing across expiries and application restarts
-- ARGV[1]: the owner token of this acquisition (random, one per acquisition)
-- ARGV[2]: the lease in milliseconds
-- Returns {1, fencing token} when acquired, {0, remaining lease of the current holder in ms} when not.
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then
  return {1, redis.call('INCR', KEYS[2])}
end
return {0, redis.call('PTTL', KEYS[1])}
