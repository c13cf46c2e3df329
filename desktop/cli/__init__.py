"""The `shisaku` command line. Each *_cmds module registers its own subcommands."""
