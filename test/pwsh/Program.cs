// PcmTestPwsh: a small stand-in for `pwsh`, for tests only. See README.md.
// It hosts the System.Management.Automation engine (no Microsoft.PowerShell.SDK), so only the
// Microsoft.PowerShell.Core cmdlets and the language exist.
using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Management.Automation.Runspaces;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.RegularExpressions;

namespace PcmTestPwsh
{
    internal static class Program
    {
        private const int ExitBadCommandLine = 64; // what pwsh returns for a bad command line / missing -File

        private static int Main(string[] args)
        {
            // Before any engine type is touched: no telemetry and no syslog logging from a test host.
            SetIfUnset("POWERSHELL_TELEMETRY_OPTOUT", "1");
            SetIfUnset("POWERSHELL_DIAGNOSTICS_OPTOUT", "1");
            return Run(args);
        }

        private static void SetIfUnset(string name, string value)
        {
            if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(name))) Environment.SetEnvironmentVariable(name, value);
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static int Run(string[] args)
        {
            var utf8 = new UTF8Encoding(false);
            Console.OutputEncoding = utf8;
            Console.InputEncoding = utf8;

            bool nonInteractive = false, noExit = false, readStdin = false;
            string file = null, command = null;
            var fileArgs = new List<CommandParameter>();

            for (int i = 0; i < args.Length; i++)
            {
                string a = args[i];
                if (a.Length < 2 || a[0] != '-')
                {
                    // pwsh treats the first positional argument as -File.
                    file = a;
                    CollectFileArgs(args, i + 1, fileArgs);
                    break;
                }
                string k = a.Substring(1).ToLowerInvariant();
                if (Is(k, "nologo", "nol") || Is(k, "noprofile", "nop") || Is(k, "noprofileloadtime", "noprofilel")) continue;
                if (Is(k, "noninteractive", "noni")) { nonInteractive = true; continue; }
                if (Is(k, "noexit", "noe")) { noExit = true; continue; }
                if (Is(k, "executionpolicy", "ex") || k == "ep" || Is(k, "windowstyle", "wi"))
                {
                    if (++i >= args.Length) return BadArgs($"Missing value for {a}.");
                    continue; // execution policy is always Unrestricted on Unix
                }
                if (Is(k, "workingdirectory", "wo") || k == "wd")
                {
                    if (++i >= args.Length) return BadArgs($"Missing value for {a}.");
                    Directory.SetCurrentDirectory(args[i]);
                    continue;
                }
                if (Is(k, "outputformat", "o") || k == "of" || Is(k, "inputformat", "in") || k == "if")
                {
                    if (++i >= args.Length) return BadArgs($"Missing value for {a}.");
                    if (!args[i].Equals("text", StringComparison.OrdinalIgnoreCase))
                        return BadArgs($"{a} {args[i]} is not supported by PcmTestPwsh (text only).");
                    continue;
                }
                if (Is(k, "version", "v"))
                {
                    Console.Out.WriteLine("PowerShell " + EngineVersion());
                    return 0;
                }
                if (Is(k, "command", "c"))
                {
                    if (++i >= args.Length) return BadArgs("Missing value for -Command.");
                    if (args[i] == "-") readStdin = true;
                    else command = string.Join(" ", args.Skip(i));
                    break;
                }
                if (Is(k, "file", "f"))
                {
                    if (++i >= args.Length) return BadArgs("Missing value for -File.");
                    if (args[i] == "-") { readStdin = true; break; }
                    file = args[i];
                    CollectFileArgs(args, i + 1, fileArgs);
                    break;
                }
                return BadArgs($"The argument '{a}' is not supported by PcmTestPwsh (see test/pwsh/README.md).");
            }
            if (file == null && command == null) readStdin = true;

            if (file != null)
            {
                file = Path.GetFullPath(file);
                if (!File.Exists(file))
                    return BadArgs($"The argument '{file}' is not recognized as the name of a script file. Check the spelling of the name, or if a path was included, verify that the path is correct and try again.");
            }

            var host = new TestHost(nonInteractive);
            var runspace = RunspaceFactory.CreateRunspace(host, InitialSessionState.CreateDefault2());
            runspace.Open();

            bool failed = false; // pwsh's _lastRunspaceInitializationException != null
            if (file != null)
            {
                Command c = file.EndsWith(".ps1", StringComparison.OrdinalIgnoreCase)
                    ? new Command(file, false, false)
                    : new Command(File.ReadAllText(file), true, false);
                foreach (var p in fileArgs) c.Parameters.Add(p);
                // As pwsh does for -File (without -NoExit): let `exit N` escape the script so the
                // host sees SetShouldExit(N).  The switch is internal, hence reflection.
                if (!noExit) SetRethrowExit(runspace);
                Pipeline pipeline = runspace.CreatePipeline();
                pipeline.Commands.Add(c);
                Exception e = Execute(pipeline);
                if (e != null)
                {
                    if (!noExit && !host.ShouldExit) host.SetShouldExit(1);
                    Report(runspace, e);
                }
            }
            else if (command != null)
            {
                Exception e = ExecuteScript(runspace, command);
                if (e != null) { failed = true; Report(runspace, e); }
            }
            Flush();

            if ((readStdin || noExit) && !host.ShouldExit)
            {
                ReadEvalLoop(runspace, host);
                failed = false;
            }

            int exitCode;
            if (host.ShouldExit) exitCode = host.ExitCode;
            else exitCode = (!failed && DollarHook(runspace)) ? 0 : 1;
            Flush();
            runspace.Dispose();
            return exitCode;
        }

        // `-Command -`: read stdin line by line and run each complete input in the same runspace.
        // A single line that parses runs at once (as in pwsh). Input that starts incomplete
        // (e.g. `function f {`) is a block: pwsh runs a block only at the next blank line; we run it
        // as soon as it parses, unless the following line continues the statement (else, elseif,
        // catch, finally, or a leading `|`); a blank line right after a block is swallowed.
        private static void ReadEvalLoop(Runspace runspace, TestHost host)
        {
            var buffer = new StringBuilder();
            bool inBlock = false;
            string pending = null;
            while (!host.ShouldExit)
            {
                string line = pending ?? Console.In.ReadLine();
                pending = null;
                if (line == null) break;
                if (buffer.Length > 0) buffer.Append('\n');
                buffer.Append(line);
                Parser.ParseInput(buffer.ToString(), out _, out ParseError[] errors);
                // Same test as the engine's IncompleteParseException: the first error says "incomplete".
                if (errors.Length > 0 && errors[0].IncompleteInput)
                {
                    inBlock = true;
                    continue;
                }
                if (inBlock)
                {
                    pending = Console.In.ReadLine();
                    if (pending != null && Continuation.IsMatch(pending)) continue;
                    if (pending != null && pending.Trim().Length == 0) pending = null;
                }
                inBlock = false;
                string text = buffer.ToString();
                buffer.Clear();
                if (string.IsNullOrWhiteSpace(text)) continue;
                Exception e = ExecuteScript(runspace, text);
                if (e != null) Report(runspace, e);
                Flush();
            }
            if (!host.ShouldExit && buffer.Length > 0)
            {
                // Incomplete input at the end of stdin: run it so that the parse error is reported.
                Exception e = ExecuteScript(runspace, buffer.ToString());
                if (e != null) Report(runspace, e);
            }
        }

        private static readonly Regex Continuation =
            new Regex(@"^\s*(\||(else|elseif|catch|finally)\b)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

        private static bool Is(string key, string full, string shortest) =>
            key.Length >= shortest.Length && full.StartsWith(key, StringComparison.Ordinal);

        private static int BadArgs(string message)
        {
            Console.Error.WriteLine(message);
            return ExitBadCommandLine;
        }

        private static string EngineVersion() =>
            typeof(PSObject).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion?.Split('+', ' ')[0]
            ?? typeof(PSObject).Assembly.GetName().Version?.ToString();

        // Same rules as pwsh's CommandLineParameterParser for arguments after -File.
        private static void CollectFileArgs(string[] args, int start, List<CommandParameter> result)
        {
            string pending = null;
            for (int i = start; i < args.Length; i++)
            {
                string arg = args[i];
                if (pending != null) { result.Add(new CommandParameter(pending, arg)); pending = null; }
                else if (arg.Length > 1 && arg[0] == '-')
                {
                    int colon = arg.IndexOf(':');
                    if (colon < 0) result.Add(new CommandParameter(arg));
                    else if (colon == arg.Length - 1) pending = arg.TrimEnd(':');
                    else
                    {
                        string v = arg.Substring(colon + 1);
                        object value = bool.TryParse(v.StartsWith("$") ? v.Substring(1) : v, out bool b) ? b : v;
                        result.Add(new CommandParameter(arg.Substring(0, colon), value));
                    }
                }
                else result.Add(new CommandParameter(null, arg));
            }
        }

        // Like pwsh's Executor.ExecuteCommandHelper with AddOutputter: merge the error stream of the
        // (single) command into output and send everything through Out-Default.
        // Returns the terminating exception, if any.
        private static Exception Execute(Pipeline pipeline)
        {
            using (pipeline)
            {
                try
                {
                    pipeline.Commands[0].MergeMyResults(PipelineResultTypes.Error, PipelineResultTypes.Output);
                    pipeline.Commands.Add(new Command("Out-Default", false, true));
                    pipeline.Invoke();
                    return null;
                }
                catch (Exception e)
                {
                    return e;
                }
            }
        }

        private static Exception ExecuteScript(Runspace runspace, string script)
        {
            // The engine reports incomplete input as an IncompleteParseException whose error record
            // the error view renders as nothing; report parse errors ourselves (like ScriptBlock.Create).
            Parser.ParseInput(script, out _, out ParseError[] errors);
            if (errors.Length > 0) return new ParseException(errors);
            return Execute(runspace.CreatePipeline(script, true));
        }

        // Like pwsh's ReportException: write the error record through Out-Default (which sends error
        // records to the host's WriteErrorLine, i.e. stderr); fall back to plain text.
        private static void Report(Runspace runspace, Exception e)
        {
            ErrorRecord record = (e as IContainsErrorRecord)?.ErrorRecord
                ?? new ErrorRecord(e, "PcmTestHost.ReportException", ErrorCategory.NotSpecified, null);
            try
            {
                // Out-Default only treats the record as an error (-> stderr) when the PSObject is marked
                // as coming from the error stream; that marker (PSObject.WriteStream) is internal.
                var wrapped = new PSObject(record);
                PropertyInfo prop = typeof(PSObject).GetProperty("WriteStream", BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public);
                prop.SetValue(wrapped, Enum.Parse(prop.PropertyType, "Error"));
                using Pipeline pipeline = runspace.CreatePipeline();
                pipeline.Commands.Add(new Command("Out-Default", false, true));
                pipeline.Invoke(new object[] { wrapped });
            }
            catch (Exception)
            {
                Console.Error.WriteLine(e.Message);
                if (record.InvocationInfo != null) Console.Error.WriteLine(record.InvocationInfo.PositionMessage);
            }
        }

        private static bool DollarHook(Runspace runspace)
        {
            try
            {
                using Pipeline pipeline = runspace.CreatePipeline("$global:?");
                var result = pipeline.Invoke();
                return result.Count == 1 && result[0]?.BaseObject is bool b && b;
            }
            catch (Exception)
            {
                return false;
            }
        }

        private static void SetRethrowExit(Runspace runspace)
        {
            const BindingFlags flags = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic;
            object context = runspace.GetType().GetProperty("ExecutionContext", flags)?.GetValue(runspace);
            PropertyInfo prop = context?.GetType().GetProperty("ScriptCommandProcessorShouldRethrowExit", flags);
            if (prop == null)
                throw new InvalidOperationException("PcmTestPwsh: ExecutionContext.ScriptCommandProcessorShouldRethrowExit not found; -File exit codes would be wrong.");
            prop.SetValue(context, true);
        }

        private static void Flush()
        {
            Console.Out.Flush();
            Console.Error.Flush();
        }
    }
}
