-- Read one key for a backup, atomically: its type, its remaining time to live in
-- milliseconds (-1 for none) and its value (or its DUMP payload when ARGV[1] is 'dump').
-- KEYS[1] the key; ARGV[1] 'values' or 'dump'
-- Returns {type} for a key that no longer exists, {type, pttl} for a type that cannot
-- be read as values, else {type, pttl, value[, last stream id]}
local key = KEYS[1]
local kind = redis.call('TYPE', key)['ok']
if kind == 'none' then
  return { kind }
end
local ttl = redis.call('PTTL', key)
if ARGV[1] == 'dump' then
  return { kind, ttl, redis.call('DUMP', key) }
end
if kind == 'string' then
  return { kind, ttl, redis.call('GET', key) }
elseif kind == 'hash' then
  return { kind, ttl, redis.call('HGETALL', key) }
elseif kind == 'list' then
  return { kind, ttl, redis.call('LRANGE', key, 0, -1) }
elseif kind == 'set' then
  return { kind, ttl, redis.call('SMEMBERS', key) }
elseif kind == 'zset' then
  return { kind, ttl, redis.call('ZRANGE', key, 0, -1, 'WITHSCORES') }
elseif kind == 'stream' then
  local info = redis.call('XINFO', 'STREAM', key)
  local last = ''
  for i = 1, #info, 2 do
    if info[i] == 'last-generated-id' then
      last = info[i + 1]
    end
  end
  return { kind, ttl, redis.call('XRANGE', key, '-', '+'), last }
end
return { kind, ttl }
