#ifndef REDIS_CONSOLE_CHIREDIS_SHIM_H
#define REDIS_CONSOLE_CHIREDIS_SHIM_H
// hiredis 0.14 is used as a RESP codec only: redisFormatCommandArgv and the reader.
#include <hiredis/hiredis.h>
#include <hiredis/read.h>
#endif
