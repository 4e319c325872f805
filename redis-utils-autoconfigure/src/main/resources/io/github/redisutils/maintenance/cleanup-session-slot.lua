-- Cleanup: a user's slot token without a time to live (restored or persisted by hand; the session store
-- always gives it one). With ARGV[1] empty, returns the token when the key has no time to live, else
-- false. With ARGV[1] the token read before (whose index was found without a live session since), deletes
-- the key when it still holds that token and still has no time to live: creating a session first gives the
-- key a time to live, so a key found without one has no session being created under its token.
-- KEYS[1]: the user's slot-token key (<prefix>:session:user:<userId>)
-- ARGV[1]: '' to read, or the token to delete
-- ARGV[2]: '1' for a dry run (nothing is deleted)
-- Returns the token or false when reading, 1 or 0 when deleting.
if redis.call('TYPE', KEYS[1]).ok ~= 'string' or redis.call('PTTL', KEYS[1]) ~= -1 then
  if ARGV[1] == '' then
    return false
  end
  return 0
end
local token = redis.call('GET', KEYS[1])
if ARGV[1] == '' then
  return token
end
if token ~= ARGV[1] then
  return 0
end
if ARGV[2] ~= '1' then
  redis.call('DEL', KEYS[1])
end
return 1
