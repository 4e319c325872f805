-- Destroys one session: its hash and its member in the user's index, together.
-- KEYS[1]: the session's hash
-- KEYS[2]: the user's index
-- ARGV[1]: the session's member in the index
-- Returns {user id} when a session was destroyed, else {}.
local user = redis.call('HGET', KEYS[1], 'uid')
redis.call('ZREM', KEYS[2], ARGV[1])
if not user then
  return {}
end
redis.call('DEL', KEYS[1])
return {user}
