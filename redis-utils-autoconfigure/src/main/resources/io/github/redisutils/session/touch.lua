-- Slides a session's expiry, unless it was already touched within the touch interval
-- (then nothing is written), or pushes it by a given duration (extend). The expiry never
-- moves back and never passes the absolute expiry.
-- KEYS[1]: the session's hash
-- KEYS[2]: the user's index, a sorted set of session members scored by expiry (ms)
-- ARGV[1]: the session's member in the index
-- ARGV[2]: 'touch' or 'extend'
-- ARGV[3]: for touch, the touch interval in milliseconds; for extend, the duration
-- Returns {0} when there is no such session, {2, expires} when the touch was skipped,
-- {1, expires, user id, the user's latest expiry, its version} when written; an
-- anonymous session (user id '') has no index: {1, expires}.
-- A stored field that is not a number answers the error 'MALFORMED <field>'.
-- @include core/stored-number.lua
-- @include session/user-presence.lua
local h = redis.call('HMGET', KEYS[1], 'la', 'exp', 'abs', 'idle', 'uid')
if not h[1] then
  return {0}
end
local lastAccessed = stored_number(h[1], 'la')
local expires = stored_number(h[2], 'exp')
local absolute = stored_number(h[3], 'abs')
local idle = stored_number(h[4], 'idle')
if expires == nil or absolute == nil or idle == nil then
  error('MALFORMED ' .. ((expires == nil and 'exp') or (absolute == nil and 'abs') or 'idle'))
end
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local target
if ARGV[2] == 'touch' then
  if now - lastAccessed < tonumber(ARGV[3]) then
    return {2, expires}
  end
  target = now + idle
else
  target = now + tonumber(ARGV[3])
end
expires = math.max(expires, math.min(target, absolute))
redis.call('HSET', KEYS[1], 'la', now, 'exp', expires)
redis.call('PEXPIREAT', KEYS[1], expires)
if not h[5] or h[5] == '' then
  return {1, expires}
end
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now)
redis.call('ZADD', KEYS[2], expires, ARGV[1])
local last = redis.call('ZRANGE', KEYS[2], -1, -1, 'WITHSCORES')
redis.call('PEXPIREAT', KEYS[2], last[2])
local latest, version = user_presence(KEYS[2])
return {1, expires, h[5] or '', latest, version}
