// Minimal PSHost for PcmTestPwsh: text to stdout, errors to stderr, no prompting, no progress.
using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Management.Automation.Internal;
using System.Security;

namespace PcmTestPwsh
{
    internal sealed class TestHost : PSHost
    {
        private readonly TestHostUI _ui;

        public TestHost(bool nonInteractive) => _ui = new TestHostUI(nonInteractive);

        public bool ShouldExit { get; private set; }
        public int ExitCode { get; private set; }

        public override string Name => "PcmTestHost";
        public override Version Version { get; } = typeof(PSObject).Assembly.GetName().Version;
        public override Guid InstanceId { get; } = Guid.NewGuid();
        public override PSHostUserInterface UI => _ui;
        public override CultureInfo CurrentCulture => CultureInfo.CurrentCulture;
        public override CultureInfo CurrentUICulture => CultureInfo.CurrentUICulture;

        public override void SetShouldExit(int exitCode)
        {
            ShouldExit = true;
            ExitCode = exitCode;
        }

        public override void EnterNestedPrompt() => throw new PSNotImplementedException("PcmTestHost has no nested prompt.");
        public override void ExitNestedPrompt() => throw new PSNotImplementedException("PcmTestHost has no nested prompt.");
        public override void NotifyBeginApplication() { }
        public override void NotifyEndApplication() { }
    }

    internal sealed class TestHostUI : PSHostUserInterface
    {
        private readonly bool _nonInteractive;
        private readonly TestRawUI _rawUI = new TestRawUI();

        public TestHostUI(bool nonInteractive) => _nonInteractive = nonInteractive;

        public override PSHostRawUserInterface RawUI => _rawUI;
        public override bool SupportsVirtualTerminal => false;

        // Console.Out / Console.Error are shared with [Console]::Out / [Console]::Error in scripts,
        // so node-powershell's delimiters stay in order with everything written here.
        public override void Write(string value) => Console.Out.Write(Plain(value));
        public override void Write(ConsoleColor foregroundColor, ConsoleColor backgroundColor, string value) => Write(value);
        public override void WriteLine(string value) => Console.Out.WriteLine(Plain(value));
        public override void WriteLine(ConsoleColor foregroundColor, ConsoleColor backgroundColor, string value) => WriteLine(value);
        public override void WriteErrorLine(string value) => Console.Error.WriteLine(Plain(value));
        public override void WriteDebugLine(string message) => WriteLine("DEBUG: " + message);
        public override void WriteVerboseLine(string message) => WriteLine("VERBOSE: " + message);
        public override void WriteWarningLine(string message) => WriteLine("WARNING: " + message);
        public override void WriteProgress(long sourceId, ProgressRecord record) { } // progress is not shown

        public override void WriteInformation(InformationRecord record)
        {
            // Only host-targeted information (what Write-Host would produce) is displayed, as in pwsh.
            if (record?.Tags != null && record.Tags.Contains("PSHOST"))
            {
                if (record.MessageData is HostInformationMessage m)
                {
                    if (m.NoNewLine == true) Write(m.Message);
                    else WriteLine(m.Message);
                }
                else WriteLine(record.MessageData?.ToString());
            }
        }

        // The formatter decorates table headers, errors etc. with ANSI sequences; pwsh strips them when
        // its output is redirected, and so do we (always).
        private static string Plain(string s) =>
            s != null && s.IndexOf('\x1b') >= 0 ? new StringDecorated(s).ToString(OutputRendering.PlainText) : s;

        private Exception NoPrompt() => new PSInvalidOperationException(_nonInteractive
            ? "PowerShell is in NonInteractive mode. Read and Prompt functionality is not available."
            : "PcmTestHost does not support Read and Prompt functionality (test host).");

        public override string ReadLine() => throw NoPrompt();
        public override SecureString ReadLineAsSecureString() => throw NoPrompt();
        public override Dictionary<string, PSObject> Prompt(string caption, string message, Collection<FieldDescription> descriptions) => throw NoPrompt();
        public override int PromptForChoice(string caption, string message, Collection<ChoiceDescription> choices, int defaultChoice) => throw NoPrompt();
        public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName) => throw NoPrompt();
        public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName,
            PSCredentialTypes allowedCredentialTypes, PSCredentialUIOptions options) => throw NoPrompt();
    }

    internal sealed class TestRawUI : PSHostRawUserInterface
    {
        public const int Width = 120;

        public override ConsoleColor ForegroundColor { get; set; } = ConsoleColor.Gray;
        public override ConsoleColor BackgroundColor { get; set; } = ConsoleColor.Black;
        public override Coordinates CursorPosition { get; set; }
        public override Coordinates WindowPosition { get; set; }
        public override int CursorSize { get; set; } = 25;
        public override Size BufferSize { get; set; } = new Size(Width, 9999);
        public override Size WindowSize { get; set; } = new Size(Width, 50);
        public override Size MaxWindowSize => new Size(Width, 50);
        public override Size MaxPhysicalWindowSize => new Size(Width, 50);
        public override bool KeyAvailable => false;
        public override string WindowTitle { get; set; } = "PcmTestHost";

        public override KeyInfo ReadKey(ReadKeyOptions options) =>
            throw new PSInvalidOperationException("PcmTestHost cannot read keys (test host).");
        public override void FlushInputBuffer() { }
        public override BufferCell[,] GetBufferContents(Rectangle rectangle) =>
            throw new PSNotSupportedException("PcmTestHost has no screen buffer.");
        public override void ScrollBufferContents(Rectangle source, Coordinates destination, Rectangle clip, BufferCell fill) { }
        public override void SetBufferContents(Coordinates origin, BufferCell[,] contents) { }
        public override void SetBufferContents(Rectangle rectangle, BufferCell fill) { }
    }
}
