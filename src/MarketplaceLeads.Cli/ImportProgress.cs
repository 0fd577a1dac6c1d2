using System;
using System.Globalization;
using System.IO;

namespace MarketplaceLeads.Cli;

/// <summary>
/// <c>import</c>'s progress on stderr: the leads read, the rate and, when the files' sizes are known, how far through the
/// bytes it is and the time left (<c>leads.jsonl (2/3): 412,345 leads, 6,870 leads/s, 41 %, 1 min 02 s left</c>); at the
/// end the time taken (<c>import: 1,009,460 leads in 2 min 27 s, 6,867 leads/s</c>). On a terminal the line is
/// rewritten in place at most five times a second; elsewhere (redirected, or on CI) a whole line is written at most
/// every five seconds. Timed by the clock it is given (the system clock, never <c>--now</c>).
/// </summary>
internal sealed class ImportProgress : IProgress<LeadReadProgress>
{
    /// <summary>How often the line is rewritten in place on a terminal.</summary>
    public static readonly TimeSpan InPlaceEvery = TimeSpan.FromMilliseconds(200);

    /// <summary>How often a line is written when the output is not a terminal.</summary>
    public static readonly TimeSpan LineEvery = TimeSpan.FromSeconds(5);

    private static readonly TimeSpan MaxTimeLeft = TimeSpan.FromHours(100);
    private readonly TextWriter _writer;
    private readonly TimeProvider _clock;
    private readonly bool _inPlace;
    private readonly int _files;
    private readonly long _started;
    private long? _totalBytes;
    private long _lastWrite;
    private long _doneBytes;
    private long _fileBytes;
    private string _file = string.Empty;
    private int _fileNumber;
    private long _leads;
    private int _width;
    private bool _shown;

    /// <summary>Initializes a new instance of the <see cref="ImportProgress"/> class and starts the clock.</summary>
    /// <param name="writer">Where the progress goes (stderr).</param>
    /// <param name="clock">The clock that times the import.</param>
    /// <param name="inPlace"><see langword="true"/> to rewrite one line in place (a terminal); <see langword="false"/> for a line every few seconds.</param>
    /// <param name="files">How many files are imported.</param>
    /// <param name="totalBytes">The files' sizes added up; <see langword="null"/> when unknown (no percentage, no time left).</param>
    public ImportProgress(TextWriter writer, TimeProvider clock, bool inPlace, int files, long? totalBytes)
    {
        _writer = writer;
        _clock = clock;
        _inPlace = inPlace;
        _files = files;
        _totalBytes = totalBytes is > 0 ? totalBytes : null;
        _started = clock.GetTimestamp();
        _lastWrite = _started;
    }

    /// <summary>Starts the next file.</summary>
    /// <param name="file">The file's path (the line shows its name).</param>
    public void StartFile(string file)
    {
        _doneBytes += _fileBytes;
        _fileBytes = 0;
        _file = Path.GetFileName(file);
        _fileNumber++;
    }

    /// <summary>Takes the reader's progress through the current file.</summary>
    /// <param name="value">The bytes read so far, and the file's length when the stream can seek.</param>
    public void Report(LeadReadProgress value)
    {
        _fileBytes = value.BytesRead;
        if (value.TotalBytes is null)
        {
            _totalBytes = null; // a pipe or a device: the time left cannot be told
        }

        Tick();
    }

    /// <summary>Counts one record the import has dealt with (new, already known or rejected).</summary>
    public void Record()
    {
        _leads++;
        Tick();
    }

    /// <summary>Removes the line from a terminal before an error or warning is written.</summary>
    public void Clear()
    {
        if (_width > 0)
        {
            _writer.Write("\r" + new string(' ', _width) + "\r");
            _width = 0;
        }
    }

    /// <summary>
    /// Says that every file is read and the pipeline is delivering the leads still queued (the time left counts bytes
    /// read, so it does not cover that); only when progress was shown, since a quick import needs no word about it.
    /// </summary>
    public void Delivering()
    {
        if (!_shown)
        {
            return;
        }

        Write(string.Create(CultureInfo.InvariantCulture, $"read: {_leads:N0} {(_leads == 1 ? "lead" : "leads")} in {FormatDuration(_clock.GetElapsedTime(_started))}; delivering the last of them"));
    }

    /// <summary>Replaces the progress with the summary: the leads, the time taken and the rate.</summary>
    public void Finish()
    {
        Clear();
        var elapsed = _clock.GetElapsedTime(_started);
        _writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"import: {_leads:N0} {(_leads == 1 ? "lead" : "leads")} in {FormatDuration(elapsed)}, {Rate(_leads, elapsed)}"));
    }

    /// <summary>Formats the progress line.</summary>
    /// <param name="file">The current file's name.</param>
    /// <param name="fileNumber">Its number, from 1.</param>
    /// <param name="files">How many files there are.</param>
    /// <param name="leads">The records dealt with so far.</param>
    /// <param name="elapsed">The time since the import started.</param>
    /// <param name="bytesRead">The bytes read of every file so far.</param>
    /// <param name="totalBytes">The files' sizes added up, when known.</param>
    /// <returns>The line, without a line break.</returns>
    internal static string Format(string file, int fileNumber, int files, long leads, TimeSpan elapsed, long bytesRead, long? totalBytes)
    {
        var which = files > 1 ? string.Create(CultureInfo.InvariantCulture, $" ({fileNumber}/{files})") : string.Empty;
        var text = string.Create(CultureInfo.InvariantCulture, $"{file}{which}: {leads:N0} {(leads == 1 ? "lead" : "leads")}, {Rate(leads, elapsed)}");
        if (totalBytes is not { } total)
        {
            return text;
        }

        var done = Math.Clamp(bytesRead, 0, total);
        text += string.Create(CultureInfo.InvariantCulture, $", {done * 100 / total} %");
        if (done > 0 && elapsed > TimeSpan.Zero)
        {
            // Early on (a few bytes of a large file) the pace says little, and the product could overflow a TimeSpan.
            var left = elapsed.TotalSeconds * ((double)(total - done) / done);
            text += left < MaxTimeLeft.TotalSeconds ? ", " + FormatDuration(TimeSpan.FromSeconds(left)) + " left" : ", over 100 h left";
        }

        return text;
    }

    /// <summary>Formats a duration the way people say it: <c>1.4 s</c>, <c>42 s</c>, <c>3 min 05 s</c>, <c>2 h 03 min</c>.</summary>
    /// <param name="duration">The duration.</param>
    /// <returns>The text.</returns>
    internal static string FormatDuration(TimeSpan duration)
    {
        var seconds = Math.Max(0, duration.TotalSeconds);
        return seconds switch
        {
            < 9.95 => string.Create(CultureInfo.InvariantCulture, $"{seconds:0.0} s"),
            < 59.5 => string.Create(CultureInfo.InvariantCulture, $"{seconds:0} s"),
            < 3599.5 => string.Create(CultureInfo.InvariantCulture, $"{(int)(Math.Round(seconds) / 60)} min {(int)Math.Round(seconds) % 60:00} s"),
            _ => string.Create(CultureInfo.InvariantCulture, $"{(long)Math.Round(seconds / 60) / 60} h {(long)Math.Round(seconds / 60) % 60:00} min"),
        };
    }

    private static string Rate(long leads, TimeSpan elapsed) =>
        elapsed > TimeSpan.Zero ? string.Create(CultureInfo.InvariantCulture, $"{leads / elapsed.TotalSeconds:N0} leads/s") : "- leads/s";

    private void Tick()
    {
        var now = _clock.GetTimestamp();
        if (_clock.GetElapsedTime(_lastWrite, now) < (_inPlace ? InPlaceEvery : LineEvery))
        {
            return;
        }

        _lastWrite = now;
        Write(Format(_file, _fileNumber, _files, _leads, _clock.GetElapsedTime(_started, now), _doneBytes + _fileBytes, _totalBytes));
    }

    private void Write(string text)
    {
        _shown = true;
        if (_inPlace)
        {
            _writer.Write("\r" + text.PadRight(_width));
            _width = text.Length;
        }
        else
        {
            _writer.WriteLine(text);
        }
    }
}
