using Lem.Cli;

return LemApp.Run(args, Console.Out, Console.Error);
