-- Restore one key from a backup record, atomically (one script on one key).
-- KEYS[1] the key
-- ARGV[1] 'skip' or 'replace': what to do when the key exists ('skip' writes nothing)
-- ARGV[2] time to live in milliseconds, 0 for none
-- ARGV[3] the type: string, hash, list, set, zset, stream or dump
-- ARGV[4...] the value: string: the value; hash: field, value...; list and set: elements;
--   zset: score, member...; stream: last generated id ('' for none), then per entry its id,
--   its number of fields and its field, value pairs; dump: the DUMP payload
-- Returns 1 when the key was written, 0 when it existed and was left alone.
-- The caller validates the record first; should a command fail anyway, the key is removed
-- again so that no half-written key remains, and the error is returned.
local key = KEYS[1]
local ttl = tonumber(ARGV[2])
local kind = ARGV[3]
if redis.call('EXISTS', key) == 1 then
  if ARGV[1] ~= 'replace' then
    return 0
  end
  if kind ~= 'dump' then
    redis.call('DEL', key)
  end
end
local function chunked(command, step)
  local i = 4
  while i <= #ARGV do
    local last = math.min(i + 512 * step - 1, #ARGV)
    redis.call(command, key, unpack(ARGV, i, last))
    i = last + 1
  end
end
local function write()
  if kind == 'dump' then
    if ARGV[1] == 'replace' then
      redis.call('RESTORE', key, ttl, ARGV[4], 'REPLACE')
    else
      redis.call('RESTORE', key, ttl, ARGV[4])
    end
    return
  elseif kind == 'string' then
    redis.call('SET', key, ARGV[4])
  elseif kind == 'hash' then
    chunked('HSET', 2)
  elseif kind == 'list' then
    chunked('RPUSH', 1)
  elseif kind == 'set' then
    chunked('SADD', 1)
  elseif kind == 'zset' then
    chunked('ZADD', 2)
  elseif kind == 'stream' then
    local i = 5
    while i <= #ARGV do
      local fields = tonumber(ARGV[i + 1])
      redis.call('XADD', key, ARGV[i], unpack(ARGV, i + 2, i + 1 + 2 * fields))
      i = i + 2 + 2 * fields
    end
    if redis.call('EXISTS', key) == 0 then
      -- A stream whose entries were all deleted: create it empty
      redis.call('XGROUP', 'CREATE', key, 'redis-utils-restore', '$', 'MKSTREAM')
      redis.call('XGROUP', 'DESTROY', key, 'redis-utils-restore')
    end
    if ARGV[4] ~= '' then
      redis.call('XSETID', key, ARGV[4])
    end
  else
    error('unknown type ' .. kind)
  end
  if ttl > 0 then
    redis.call('PEXPIRE', key, ttl)
  end
end
local ok, err = pcall(write)
if not ok then
  if kind ~= 'dump' then
    -- RESTORE writes all or nothing; anything else may have written part of the key
    redis.call('DEL', key)
  end
  if type(err) == 'table' then
    err = err['err']
  end
  return redis.error_reply(tostring(err))
end
return 1
