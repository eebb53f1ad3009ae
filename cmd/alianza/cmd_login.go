package main

import (
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"

	"github.com/spf13/cobra"
)

// loginView is what login prints: never the token or the password hash,
// not even with --show-secrets (nothing a person needs from a console).
type loginView struct {
	Username        string            `json:"username"`
	UserType        string            `json:"userType,omitempty"`
	PartitionID     string            `json:"partitionId"`
	PartitionName   string            `json:"partitionName,omitempty"`
	SubPartitions   int               `json:"subPartitionCount"`
	SubPartitionIDs []string          `json:"subPartitionIds"` // [] when none
	Permissions     map[string]string `json:"permissions"`
	BaseURL         string            `json:"baseUrl"`
}

func (a *app) loginCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "login",
		Short: "Check the credentials; print the partition and permissions",
		Args:  exactArgs(),
		RunE: func(cmd *cobra.Command, _ []string) error {
			api, err := a.client()
			if err != nil {
				return err
			}
			t, err := api.Login(cmd.Context())
			if err != nil {
				return err
			}
			v := loginView{Username: t.Username, UserType: t.UserType, PartitionID: t.PartitionID, PartitionName: t.PartitionName,
				SubPartitions: len(t.SubPartitionIDs), SubPartitionIDs: t.SubPartitionIDs, Permissions: t.Permissions, BaseURL: api.BaseURL()}
			if v.SubPartitionIDs == nil {
				v.SubPartitionIDs = []string{}
			}
			if v.Permissions == nil {
				v.Permissions = map[string]string{}
			}
			return a.emit(v, func(w io.Writer) error {
				err := kv(w, "Logged in as", v.Username, "User type", v.UserType, "Partition", v.PartitionID,
					"Partition name", v.PartitionName, "Sub-partitions", subPartitions(v), "Base URL", v.BaseURL)
				if err != nil {
					return err
				}
				if _, err := io.WriteString(w, "\nPermissions\n"); err != nil {
					return err
				}
				t := newTable(w, "  NAME", "LEVEL")
				for _, k := range slices.Sorted(maps.Keys(v.Permissions)) {
					t.row("  "+k, v.Permissions[k])
				}
				return t.flush()
			})
		},
	}
}

// subPartitions is the table's sub-partition line: the count, then the ids.
func subPartitions(v loginView) string {
	if v.SubPartitions == 0 {
		return "0"
	}
	return fmt.Sprintf("%d (%s)", v.SubPartitions, strings.Join(v.SubPartitionIDs, ", "))
}
