-- Lifts a revocation (of one token, or a subject's not-before) and tells every
-- application instance.
-- KEYS[1]: the key to delete (a token's or a subject's)
-- ARGV[1]: the channel that carries revocations to the instances' local caches
-- ARGV[2]: the message to publish on it
-- Returns 1 when a revocation was lifted, 0 when there was none. The message is sent in
-- both cases: an instance may hold an outcome that is no longer in Redis.
local deleted = redis.call('DEL', KEYS[1])
redis.call('PUBLISH', ARGV[1], ARGV[2])
return deleted
