package alianzatest

// handlers serves the MUST and SHOULD operations of the SDK's scope, by
// operationId. A stateful handler here wins; every other live operation is
// answered from the spec (generic.go), a deprecated one 501.
var handlers map[string]handlerFunc

func init() {
	handlers = map[string]handlerFunc{
		// Authorize
		"logUserIn":    logUserIn,
		"getLoginInfo": getLoginInfo,
		"logOut":       logOut,
		// Account
		"createAccount":                createAccount,
		"retrieveAccount":              retrieveAccount,
		"accountPatch":                 accountPatch,
		"deleteAccount":                deleteAccount,
		"updateAccount":                updateAccount,
		"getAccounts":                  getAccounts,
		"accountSearch":                accountSearch,
		"getStatus":                    getStatus,
		"validateAccountProperties":    validateAccountProperties,
		"getAvailableUserProductPlans": getAvailableUserProductPlans,
		// User
		"createEndUser":       createEndUser,
		"retrieveEndUserList": retrieveEndUserList,
		"retrieveEndUser":     retrieveEndUser,
		"updateEndUser":       updateEndUser,
		"patchEndUser":        patchEndUser,
		"deleteEndUser":       deleteEndUser,
		// SipTrunk
		"createSipTrunk":                  createSipTrunk,
		"retrieveSipTrunkList":            retrieveSipTrunkList,
		"retrieveSipTrunk":                retrieveSipTrunk,
		"deleteSipTrunk":                  deleteSipTrunk,
		"updateSipTrunkForwardBehavior":   updateSipTrunkForwardBehavior,
		"getRegistrationStatus":           getRegistrationStatus,
		"retrieveSipTrunkForwardBehavior": retrieveSipTrunkForwardBehavior,
		"updateSipTrunk":                  updateSipTrunk,
		"patchSipTrunk":                   patchSipTrunk,
		"unlockSipTrunk":                  unlockSipTrunk,
		// TelephoneNumber
		"validateAddress":                     validateAddress,
		"tnSearch":                            tnSearch,
		"reserve":                             reserve,
		"releaseReservation":                  releaseReservation,
		"createOrAddTelephoneNumberToAccount": createOrAddTelephoneNumberToAccount,
		"retrieveAccountTelephoneNumbers":     retrieveAccountTelephoneNumbers,
		"retrieveTelephoneNumberOnAccount":    retrieveTelephoneNumberOnAccount,
		"patchTelephoneNumberOnAccount":       patchTelephoneNumberOnAccount,
		"updateTelephoneNumberOnAccount":      updateTelephoneNumberOnAccount,
		"deleteTelephoneNumberOnAccount":      deleteTelephoneNumberOnAccount,
		"destination":                         destination,
		"typeAhead":                           typeAhead,
		"retrieveTelephoneNumber":             retrieveTelephoneNumber,
		"listTnInventory":                     listTnInventory,
		// DeviceLine
		"createDevice":       createDevice,
		"listDevices":        listDevices,
		"provisioningData":   provisioningData,
		"getDevice":          getDevice,
		"putDevice":          putDevice,
		"updateDevice":       updateDevice,
		"removeDevice":       removeDevice,
		"registrationStatus": registrationStatus,
		"getDeviceTypes":     getDeviceTypes,
		// BusinessLine
		"createBusinessLine":               createBusinessLine,
		"putBusinessLineCallHandling":      putBusinessLineCallHandling,
		"getBusinessLineCallHandling":      getBusinessLineCallHandling,
		"retrieveBusinessLines":            retrieveBusinessLines,
		"retrieveBusinessLine":             retrieveBusinessLine,
		"updateBusinessLine":               updateBusinessLine,
		"deleteBusinessLine":               deleteBusinessLine,
		"getBusinessLineSipCredentials":    getBusinessLineSipCredentials,
		"putBusinessLineSipCredentials":    putBusinessLineSipCredentials,
		"createBusinessLinePortAssignment": createBusinessLinePortAssignment,
		"getBusinessLinePortAssignment":    getBusinessLinePortAssignment,
		"updateBusinessLinePortAssignment": updateBusinessLinePortAssignment,
		"deleteBusinessLinePortAssignment": deleteBusinessLinePortAssignment,
		"businessLineRegistrationStatus":   businessLineRegistrationStatus,
		// CallingPlan
		"retrieveCallingPlanProductList": retrieveCallingPlanProductList,
		"getPlans":                       getPlans,
		"addPlan":                        addPlanHandler,
		"removePlan":                     removePlan,
		"get_3":                          getCallingPlanProduct,
		"add_2":                          addCallingPlanProduct,
		"update_5":                       updateCallingPlanProduct,
		"patch_5":                        patchCallingPlanProduct,
		"archive":                        archiveCallingPlanProduct,
	}
	// Voicemail boxes, business line voicemail boxes and hunt groups.
	for id, h := range collectionHandlers {
		handlers[id] = h
	}
}
