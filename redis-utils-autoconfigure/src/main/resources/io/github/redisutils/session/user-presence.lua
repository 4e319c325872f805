-- The latest expiry left in a user's index (0 for none) and the version of that answer
-- (the server time in microseconds: the scripts of one user run one after another on
-- the user's slot, so a later script has a higher version), for the online-users set.
local function user_presence(index)
  local time = redis.call('TIME')
  local nowMillis = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
  local last = redis.call('ZRANGE', index, -1, -1, 'WITHSCORES')
  local latest = tonumber(last[2]) or 0
  if latest <= nowMillis then
    latest = 0
  end
  return latest, tonumber(time[1]) * 1000000 + tonumber(time[2])
end
