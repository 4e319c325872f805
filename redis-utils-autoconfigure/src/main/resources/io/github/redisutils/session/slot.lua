-- Returns the user's slot token, creating it when the user has none, and keeps it alive
-- at least as long as the session being created (so it always outlives every session
-- tagged with it).
-- KEYS[1]: the user's slot-token key (<prefix>:session:user:<userId>)
-- ARGV[1]: a fresh random token, used when the user has none
-- ARGV[2]: how long the token must live from now, in milliseconds
local token = redis.call('GET', KEYS[1])
if not token then
  token = ARGV[1]
  redis.call('SET', KEYS[1], token, 'PX', ARGV[2])
elseif redis.call('PTTL', KEYS[1]) < tonumber(ARGV[2]) then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
return token
