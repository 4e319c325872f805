-- Shared piece (composed in by RedisScripts): write a value with an expiry mode.
-- write(key, value, mode, ttl, existed): mode is AFTER (set the TTL), ON_CREATE (set it only
-- when the key did not exist before this script), KEEP (keep the key's TTL) or NEVER (no TTL).
local function write(key, value, mode, ttl, existed)
  if mode == 'AFTER' or (mode == 'ON_CREATE' and not existed) then
    redis.call('SET', key, value, 'PX', ttl)
  elseif mode == 'NEVER' then
    redis.call('SET', key, value)
  else
    redis.call('SET', key, value, 'KEEPTTL')
  end
end
