-- Cleanup: a blacklist entry without a time to live (restored or persisted by hand; revocations always
-- get one). A subject's entry whose not-before is older than the longest token lifetime revokes only
-- expired tokens and is deleted; any other entry gets the time to live it would have had (a token's
-- entry cannot be judged, and no token lives longer than the longest lifetime).
-- KEYS[1]: <prefix>:blacklist:token:<id> or <prefix>:blacklist:user:<subject>
-- ARGV[1]: 'user' or 'token'
-- ARGV[2]: the longest token lifetime in ms
-- ARGV[3]: '1' for a dry run (nothing changes)
-- Returns 1 deleted, 2 given a time to live, 0 left alone (it expires on its own).
if redis.call('TYPE', KEYS[1]).ok ~= 'string' or redis.call('PTTL', KEYS[1]) ~= -1 then
  return 0
end
local lifetime = tonumber(ARGV[2])
local dry = ARGV[3] == '1'
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
if ARGV[1] == 'user' then
  local notBefore = tonumber(redis.call('GET', KEYS[1]))
  if notBefore ~= nil and notBefore * 1000 + lifetime <= now then
    if not dry then
      redis.call('DEL', KEYS[1])
    end
    return 1
  end
  if not dry then
    local at = (notBefore ~= nil) and (notBefore * 1000 + lifetime + 1000) or (now + lifetime + 1000)
    redis.call('PEXPIREAT', KEYS[1], string.format('%.0f', at))
  end
  return 2
end
if not dry then
  redis.call('PEXPIRE', KEYS[1], lifetime + 1000)
end
return 2
