-- Revokes every token of one subject issued up to now: stores the subject's not-before,
-- keeping the latest one, and tells every application instance.
-- KEYS[1]: the subject's key (<prefix>:blacklist:user:<subject>)
-- ARGV[1]: how long the key lives, in milliseconds: the longest token lifetime accepted
--          plus one second, so that the key outlives every token it revokes and no longer
-- ARGV[2]: the channel that carries revocations to the instances' local caches
-- ARGV[3]: the subject, for the message
-- Returns the not-before in Unix seconds: a token issued (iat) before it is revoked. It is
-- the second after the server's current second, so tokens issued in the same second as
-- the revocation are revoked too (iat has second precision: they may predate it).
local time = redis.call('TIME')
local notBefore = tonumber(time[1]) + 1
local current = tonumber(redis.call('GET', KEYS[1]) or '0')
if current ~= nil and current > notBefore then
	notBefore = current
end
redis.call('SET', KEYS[1], tostring(notBefore), 'PX', ARGV[1])
redis.call('PUBLISH', ARGV[2], 'u+' .. notBefore .. ':' .. ARGV[3])
return notBefore
