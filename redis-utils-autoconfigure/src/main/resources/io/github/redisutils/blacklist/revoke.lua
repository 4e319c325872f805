-- Revokes one token until it expires, and tells every application instance.
-- KEYS[1]: the token's key (<prefix>:blacklist:token:<token id>)
-- ARGV[1]: the token's expiry, Unix time in milliseconds
-- ARGV[2]: the channel that carries revocations to the instances' local caches
-- ARGV[3]: the message to publish on it
-- Returns 1 when the revocation was stored, 0 when the token had already expired
-- (by the server's clock), in which case nothing is stored or published.
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local expiresAt = tonumber(ARGV[1])
if expiresAt <= now then
	return 0
end
redis.call('SET', KEYS[1], '1', 'PXAT', ARGV[1])
redis.call('PUBLISH', ARGV[2], ARGV[3])
return 1
