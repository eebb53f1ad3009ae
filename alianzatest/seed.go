package alianzatest

import (
	"fmt"
	"sort"
)

// rateCenter is a seeded area of the number inventory.
type rateCenter struct {
	name, state, npaNxx, postal string
	lat, lon                    float64
}

// seedRateCenters spread the inventory over a few areas; Pleasant Grove
// (1801769) is the search example of Alianza's account guide, near Lindon,
// UT.
var seedRateCenters = []rateCenter{
	{"PLEASANT GROVE", "UT", "801769", "84062", 40.3641, -111.7385},
	{"OREM", "UT", "801224", "84057", 40.2969, -111.6946},
	{"LINDON", "UT", "801785", "84042", 40.3419, -111.7208},
	{"SALT LAKE CITY", "UT", "801355", "84111", 40.7608, -111.8910},
	{"PROVO", "UT", "801373", "84601", 40.2338, -111.6585},
	{"DENVER", "CO", "303555", "80202", 39.7392, -104.9903},
	{"PHOENIX", "AZ", "602254", "85004", 33.4484, -112.0740},
	{"HOUSTON", "TX", "713222", "77002", 29.7604, -95.3698},
	{"CHICAGO", "IL", "312346", "60601", 41.8781, -87.6298},
	{"NEW YORK CITY", "NY", "212555", "10001", 40.7506, -73.9972},
	{"SEATTLE", "WA", "206624", "98101", 47.6062, -122.3321},
	{"MIAMI", "FL", "305358", "33131", 25.7617, -80.1918},
}

// numbersPerRateCenter makes 12 x 25 = 300 inventory numbers.
const numbersPerRateCenter = 25

const seedCarrierID = "FakeCarrier00000000001"

// seedDeviceTypes is the /v2/ref/devicetype list (Alianza's account guide names SPA112,
// SPA122, TM604G, VVX400, VVX500, SPIP650).
var seedDeviceTypes = []obj{
	{"id": "SPA112", "name": "Cisco SPA112", "numLines": 2, "deviceTypeManufacturer": "CISCO_LINKSYS_SIPURA", "faxSupported": true, "macAddressRequired": true, "smbDevice": false},
	{"id": "SPA122", "name": "Cisco SPA122", "numLines": 2, "deviceTypeManufacturer": "CISCO_LINKSYS_SIPURA", "faxSupported": true, "macAddressRequired": true, "smbDevice": false},
	{"id": "TM604G", "name": "Arris TM604G", "numLines": 4, "deviceTypeManufacturer": "ARRIS", "faxSupported": true, "macAddressRequired": true, "smbDevice": false},
	{"id": "VVX400", "name": "Polycom VVX 400", "numLines": 12, "deviceTypeManufacturer": "POLYCOM", "faxSupported": false, "macAddressRequired": true, "smbDevice": true},
	{"id": "VVX500", "name": "Polycom VVX 500", "numLines": 12, "deviceTypeManufacturer": "POLYCOM", "faxSupported": false, "macAddressRequired": true, "smbDevice": true},
	{"id": "SPIP650", "name": "Polycom SoundPoint IP 650", "numLines": 6, "deviceTypeManufacturer": "POLYCOM", "faxSupported": false, "macAddressRequired": true, "smbDevice": true},
	{"id": "OBI202", "name": "Obihai OBi202", "numLines": 2, "deviceTypeManufacturer": "OBIHAI", "faxSupported": true, "macAddressRequired": true, "smbDevice": false},
	{"id": "SOFTPHONE", "name": "Softphone", "numLines": 1, "faxSupported": false, "macAddressRequired": false, "smbDevice": false},
}

// seedProducts are the partition's calling plan products; the first is the
// default (20000 minutes, as in the responses of Alianza's account guide).
func seedProducts(partitionID string) []obj {
	base := func(id, name string, minutes int, def, unlimited bool) obj {
		return obj{
			"id": id, "name": name, "planMinutes": minutes, "defaultPlan": def, "unlimitedDisplay": unlimited,
			"allowOverage": true, "preventForwarding": false, "allow411": true, "callRateFor411": 0.5,
			"rateTypeFor411": "PER_CALL", "allowOperator": true, "callRateForOperator": 1.0,
			"rateTypeForOperator": "PER_CALL", "partitionId": partitionID, "allowUnlimitedLocal": true,
			"rateIntraPartitionAsFree": true,
		}
	}
	return []obj{
		base("kDYwy3XRSeapkI8uHi9ziQ", "Standard 20000", 20000, true, false),
		base("FakePlanUnlimited00001", "Unlimited", 0, false, true),
		base("FakePlanMetered0000001", "Metered 500", 500, false, false),
	}
}

// seedAddresses are the addresses validateAddress and typeAhead know; the
// first is the example of Alianza's account guide.
var seedAddresses = []seedAddress{
	{
		line: "333 S 520 W, Lindon, UT 84042", country: "USA", lat: "40.332486", lon: "-111.728156",
		csr: obj{"streetNumber": "333", "streetNumberSuffix": "", "preDirectional": "S", "streetName": "520", "streetSuffix": "",
			"postDirectional": "W", "city": "Lindon", "state": "UT", "postalCode": "84042", "blockCustomerName": false},
	},
	{
		line: "15 W South Temple, Salt Lake City, UT 84101", country: "USA", lat: "40.769047", lon: "-111.891520",
		requiredFields: []string{"unit", "secondaryLocationDescription"},
		csr: obj{"streetNumber": "15", "streetNumberSuffix": "", "preDirectional": "W", "streetName": "South Temple", "streetSuffix": "",
			"postDirectional": "", "city": "Salt Lake City", "state": "UT", "postalCode": "84101", "blockCustomerName": false},
	},
	{
		line: "123 S Jefferson St, Houston, TX 77002", country: "USA", lat: "29.752361", lon: "-95.362144",
		csr: obj{"streetNumber": "123", "streetNumberSuffix": "", "preDirectional": "S", "streetName": "Jefferson", "streetSuffix": "ST",
			"postDirectional": "", "city": "Houston", "state": "TX", "postalCode": "77002", "blockCustomerName": false},
	},
	{
		line: "1600 Pennsylvania Ave NW, Washington, DC 20500", country: "USA", lat: "38.897700", lon: "-77.036500",
		csr: obj{"streetNumber": "1600", "streetNumberSuffix": "", "preDirectional": "", "streetName": "Pennsylvania", "streetSuffix": "AVE",
			"postDirectional": "NW", "city": "Washington", "state": "DC", "postalCode": "20500", "blockCustomerName": false},
	},
	{
		line: "100 Queen St W, Toronto, ON M5H 2N2", country: "CAN", lat: "43.653400", lon: "-79.384000",
		csr: obj{"streetNumber": "100", "streetNumberSuffix": "", "preDirectional": "", "streetName": "Queen", "streetSuffix": "ST",
			"postDirectional": "W", "city": "Toronto", "state": "ON", "postalCode": "M5H 2N2", "blockCustomerName": false},
	},
}

// seed fills the reference data every fake platform starts with.
func (s *Server) seed() {
	st := s.st
	for i, rc := range seedRateCenters {
		for j := 0; j < numbersPerRateCenter; j++ {
			// Spread the numbers over a few miles around the center,
			// deterministically.
			dLat := float64((j*7+i)%11-5) * 0.01
			dLon := float64((j*5+i*3)%13-6) * 0.01
			inv := &inventoryTN{
				tn:         fmt.Sprintf("1%s%04d", rc.npaNxx, 800+j),
				rateCenter: rc.name, state: rc.state, postalCode: rc.postal,
				lat: rc.lat + dLat, lon: rc.lon + dLon, carrierID: seedCarrierID,
			}
			st.inventory[inv.tn] = inv
			st.inventoryList = append(st.inventoryList, inv)
		}
	}
	sort.Slice(st.inventoryList, func(i, j int) bool { return st.inventoryList[i].tn < st.inventoryList[j].tn })
	st.deviceTypes = clone(seedDeviceTypes)
	for _, p := range seedProducts(s.cfg.partitionID) {
		st.products.put(str(p, "id"), p)
	}
	st.addresses = append([]seedAddress(nil), seedAddresses...)
}
