#!/usr/bin/perl
# tests/audit-actions.pl FILE...: every action code the SQL function files
# can write into wc.audit, one a line. A literal ('complaint_file') is
# taken as it is; a prefix joined to a variable ('complaint_' || p_action)
# takes the values the same function compares the variable with, the
# steps of a table of rules it reads (wc.complaint_rules()), and, for a
# step function called from elsewhere (wc.application_step), the steps
# its callers pass. A prefix whose values cannot be found is an error,
# so that a new way of writing an action is not silently missed.
use strict; use warnings;
my %found;
local $/;
for my $file (@ARGV) {
	open my $fh, '<', $file or die "$file: $!";
	my $text = <$fh>;
	$text =~ s/--[^\n]*//g;
	# one function at a time: the dynamic codes take their values from it
	for my $fn (split /CREATE OR REPLACE FUNCTION/, $text) {
		while ($fn =~ /INSERT INTO wc\.audit\s*\(([^)]*)\)\s*(?:VALUES\s*\(|SELECT\s)(.*?);/sg) {
			my ($cols, $vals) = ($1, $2);
			my @c = map { s/\s//gr } split /,/, $cols;
			my ($pos) = grep { $c[$_] eq 'action' } 0 .. $#c;
			# split the values at top-level commas
			my @v; my $depth = 0; my $cur = '';
			for my $ch (split //, $vals) {
				$depth++ if $ch eq '(';
				$depth-- if $ch eq ')';
				if ($ch eq ',' && $depth == 0) { push @v, $cur; $cur = ''; next }
				$cur .= $ch;
			}
			push @v, $cur;
			my $e = $v[$pos];
			if ($e =~ /^\s*'([a-z_]+)'\s*\|\|\s*(\w+)/) {
				my ($prefix, $var) = ($1, $2);
				my %vals;
				my $body = $fn;
				$vals{$1} = 1 while $body =~ /\b$var\s*(?:=|<>)\s*'([a-z_]+)'/g;
				while ($body =~ /\b$var\s+(?:NOT\s+)?IN\s*\(([^)]*)\)/g) {
					my $l = $1; $vals{$1} = 1 while $l =~ /'([a-z_]+)'/g;
				}
				while ($body =~ /CASE\s+$var\b(.*?)\bEND\b/sg) {
					my $l = $1; $vals{$1} = 1 while $l =~ /WHEN\s+'([a-z_]+)'/g;
				}
				# steps checked against a table of rules: the table's steps
				while ($body =~ /wc\.(\w+_rules)\(\)/g) {
					my $rules = $1;
					if ($text =~ /FUNCTION wc\.$rules\(\).*?\$\$(.*?)\$\$/s) {
						my $l = $1; $vals{$1} = 1 while $l =~ /\(\d+,\s*'([a-z_]+)'/g;
					}
				}
				# a step function: its callers and its table of rules name the steps
				if ($fn =~ /^\s*wc\.(\w+)\(/) {
					my $name = $1;
					while ($text =~ /wc\.$name\(\s*\w+,\s*[\w.]+,\s*(CASE.*?END|'[a-z_]+')/sg) {
						my $l = $1; $vals{$1} = 1 while $l =~ /'([a-z_]+)'/g;
					}
					(my $rules = $name) =~ s/_step$/_rules/;
					if ($text =~ /FUNCTION wc\.$rules\(\).*?\$\$(.*?)\$\$/s) {
						my $l = $1; $vals{$1} = 1 while $l =~ /\(\d+,\s*'([a-z_]+)'/g;
					}
				}
				die "$file: no values for $prefix || $var\n" unless %vals;
				$found{"$prefix$_"} = 1 for keys %vals;
			} else {
				$found{$1} = 1 while $e =~ /'([a-z_]+)'/g;
			}
		}
	}
}
print "$_\n" for sort keys %found;
