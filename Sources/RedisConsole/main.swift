print("redis-console")
