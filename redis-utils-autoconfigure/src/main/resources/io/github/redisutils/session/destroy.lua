-- Destroys one session: its hash and its member in the user's index, together.
-- KEYS[1]: the session's hash
-- KEYS[2]: the user's index
-- ARGV[1]: the session's member in the index
-- Returns {user id, the user's latest expiry left (0 for none), its version} when a
-- session was destroyed, else {}.
-- @include session/user-presence.lua
local user = redis.call('HGET', KEYS[1], 'uid')
redis.call('ZREM', KEYS[2], ARGV[1])
if not user then
  return {}
end
redis.call('DEL', KEYS[1])
local latest, version = user_presence(KEYS[2])
return {user, latest, version}
