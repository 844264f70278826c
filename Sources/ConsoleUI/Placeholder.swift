import ConnCore
