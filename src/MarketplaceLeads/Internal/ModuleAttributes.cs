using System.Runtime.CompilerServices;

// Stack buffers on the parsing hot path are fully written before they are read (or cleared
// explicitly), so zeroing them on every call is wasted work.
[module: SkipLocalsInit]
