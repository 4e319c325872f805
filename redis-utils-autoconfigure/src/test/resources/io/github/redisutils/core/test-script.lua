-- A script for RedisScriptsTests. KEYS: none; ARGV: none.
return 42
